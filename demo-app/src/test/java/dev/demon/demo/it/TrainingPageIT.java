package dev.demon.demo.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.testing.HeadlessChromium;
import dev.demon.spring.testing.Polling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training page at {@code /demon}, in a real browser: the packaged demo trains its
 * quick job (three epochs) while headless Chromium, driven by Debian's
 * {@code chromedriver}, shows the page; the page follows the job live to COMPLETED, and
 * the data its charts were given are the run's own: β_t at every update exactly
 * {@link DemonSchedule}'s value, equal to report.json's β at each epoch's end, and each
 * epoch's losses and accuracies as report.json has them. The screenshot is kept in
 * {@code target/screenshots/training-page.png}.
 */
class TrainingPageIT {

    private static final String PIPELINE = "fashion-mnist-cnn";

    private static final int EPOCHS = 3;

    /** The demo's demon.momentum.beta-init. */
    private static final float BETA_INIT = 0.9f;

    /** The demo's demon.learning-rate.initial, under the fixed schedule. */
    private static final float LEARNING_RATE = 0.05f;

    /** A safety net against a hung job, far above the quick job's usual run time. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);

    @Test
    void pageFollowsTheQuickJobLiveAndChartsTheRunsExactValues(@TempDir Path workDir) throws IOException {
        try (QuickJobProcess app = QuickJobProcess.start(workDir, "--demon.epochs=" + EPOCHS)) {
            awaitPage(app);
            ChromeDriver browser = HeadlessChromium.start(1400, 1080);
            try {
                browser.get(app.url("/demon"));
                Set<String> statusesShown = awaitCompleted(browser, app);
                JsonNode report = app.awaitReport(Duration.ofMinutes(1));
                assertTrue(statusesShown.contains("STARTED"),
                        "the page showed the job running before it completed: " + statusesShown);

                // T under its contract name, or the name it had before (kept as an
                // alias).
                long totalUpdates = (report.has("totalUpdates") ? report.get("totalUpdates") : report.get("totalSteps"))
                    .asLong();
                List<List<Number>> updates = chartData(browser, "updates");
                assertEquals(3, updates.size(), "update t, β_t and η_t");
                assertEquals(totalUpdates, updates.get(0).size(), "a point per update while T is small");
                DemonSchedule schedule = new DemonSchedule(BETA_INIT);
                for (int t = 0; t < totalUpdates; t++) {
                    assertEquals(t, updates.get(0).get(t).longValue());
                    assertEquals(schedule.momentum(t, totalUpdates), updates.get(1).get(t).floatValue(), "β at " + t);
                    assertEquals(LEARNING_RATE, updates.get(2).get(t).floatValue(), "η at " + t);
                }
                JsonNode history = report.get("history");
                assertEquals(EPOCHS, history.size());
                long batchesPerEpoch = totalUpdates / EPOCHS;
                List<List<Number>> loss = chartData(browser, "loss");
                List<List<Number>> accuracy = chartData(browser, "accuracy");
                List<List<Number>> speed = chartData(browser, "speed");
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    JsonNode reported = history.get(epoch);
                    int lastUpdate = (int) ((epoch + 1) * batchesPerEpoch - 1);
                    assertEquals(reported.get("momentum").floatValue(), updates.get(1).get(lastUpdate).floatValue(),
                            "β of epoch " + (epoch + 1) + "'s last update");
                    assertEquals(epoch + 1, loss.get(0).get(epoch).intValue());
                    assertEquals(reported.get("trainLoss").floatValue(), loss.get(1).get(epoch).floatValue());
                    assertEquals(reported.get("validationLoss").floatValue(), loss.get(2).get(epoch).floatValue());
                    assertEquals(reported.get("trainAccuracy").floatValue(), accuracy.get(1).get(epoch).floatValue());
                    assertEquals(reported.get("validationAccuracy").floatValue(),
                            accuracy.get(2).get(epoch).floatValue());
                    assertEquals(reported.get("samplesPerSecond").doubleValue(), speed.get(1).get(epoch).doubleValue());
                }
                String facts = browser.findElement(By.cssSelector("#pipeline-" + PIPELINE + " .facts")).getText();
                assertTrue(facts.contains(totalUpdates + " of T = " + totalUpdates), facts);
                assertTrue(facts.contains("epoch " + EPOCHS + " / " + EPOCHS), facts);
                screenshot(browser, "training-page.png");
            }
            finally {
                browser.quit();
            }
        }
    }

    private static void awaitPage(QuickJobProcess app) {
        HttpClient http = HttpClient.newHttpClient();
        Polling.until("the training page's JSON", JOB_TIMEOUT, () -> {
            app.requireAlive();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(app.url("/demon/api/pipelines"))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response) : Optional.empty();
        });
    }

    /**
     * Watches the page's status of the pipeline until it reads COMPLETED, keeping a
     * screenshot of the page while the job is in its second epoch.
     */
    private static Set<String> awaitCompleted(ChromeDriver browser, QuickJobProcess app) {
        Set<String> shown = new LinkedHashSet<>();
        new WebDriverWait(browser, JOB_TIMEOUT, Duration.ofMillis(200)).until(driver -> {
            app.requireAlive();
            Object status = ((JavascriptExecutor) driver)
                .executeScript("return window.demonPage && window.demonPage.status(arguments[0])", PIPELINE);
            if (status instanceof String text) {
                if (text.equals("STARTED") && !shown.contains("STARTED")) {
                    awaitSecondEpoch(browser);
                }
                shown.add(text);
            }
            return "COMPLETED".equals(status);
        });
        return shown;
    }

    private static void awaitSecondEpoch(ChromeDriver browser) {
        new WebDriverWait(browser, JOB_TIMEOUT, Duration.ofMillis(200)).until(driver -> ((Number) browser
            .executeScript("return window.demonPage.summaries[arguments[0]].epoch", PIPELINE)).intValue() >= 2);
        try {
            screenshot(browser, "training-page-live.png");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The data the page gave one of the pipeline's uPlot charts: x first, then each
     * series.
     */
    @SuppressWarnings("unchecked")
    private static List<List<Number>> chartData(ChromeDriver browser, String chart) {
        return (List<List<Number>>) browser
            .executeScript("return window.demonPage.charts[arguments[0]][arguments[1]].data", PIPELINE, chart);
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path folder = Files.createDirectories(DemoJar.path().getParent().resolve("screenshots"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

}
