package dev.demon.spring.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;

import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialOutcome;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.testing.HeadlessChromium;
import dev.demon.spring.testing.RecordedSweep;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.SyntheticTrainingApplication;
import dev.demon.spring.training.ModelMonitor;

/**
 * The training page's sweeps in a real browser: an application with a sweep bean serves
 * the page, the sweep's trials are recorded in the application's own JobRepository as its
 * job records them (each a partition execution with its progress), and headless Chromium
 * (Debian's, through Debian's chromedriver) shows them: the heatmap's nine cells with
 * their exact means over the two seeds and the lowest outlined, its axes named, the
 * trials table with each trial's status (PRUNED included), and a trial's next epoch
 * within a refresh. The screenshot is kept in {@code target/screenshots/sweep-page.png}.
 *
 * <p>
 * The JobRepository is H2 in memory, so each run records the sweep afresh.
 *
 * <p>
 * The sweep is a 3 × 3 grid of learning rate × β_init with two seeds, 18 trials of three
 * epochs whose validation losses come from {@link #finalLoss}: trials 6 and 14 pruned
 * after epoch 1, trial 3 failed after epoch 2, trial 17 not started yet and trial 18 in
 * its first epoch after a restart.
 */
@SpringBootTest(classes = { SyntheticTrainingApplication.class, SweepPageChromiumTest.Sweep.class },
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "demon.enabled=true", "spring.batch.job.enabled=false",
                "spring.datasource.url=jdbc:h2:mem:sweep-page;DB_CLOSE_DELAY=-1",
                "demon.checkpoint.dir=target/sweep-page" })
@DirtiesContext
class SweepPageChromiumTest {

    private static final List<String> LEARNING_RATES = List.of("0.01", "0.03", "0.1");

    private static final List<String> BETA_INITS = List.of("0.9", "0.95", "0.99");

    /** The final validation loss by β_init (row) and learning rate (column). */
    private static final double[][] FINAL_LOSS = { { 0.42, 0.31, 0.38 }, { 0.36, 0.24, 0.33 }, { 0.51, 0.40, 0.47 } };

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @LocalServerPort
    private int port;

    @Autowired
    private JobRepository jobRepository;

    @Test
    void showsTheSweepsTrialsAndItsHeatmapLive() throws IOException {
        RecordedSweep sweep = new RecordedSweep(Path.of("target", "sweep-page"), jobRepository);
        for (int trial = 1; trial <= 17; trial++) {
            record(sweep, trial);
        }
        sweep.restart();
        record(sweep, 18);
        ChromeDriver browser = HeadlessChromium.start(1400, 1250);
        try {
            browser.get("http://localhost:" + port + "/demon");
            WebDriverWait wait = new WebDriverWait(browser, TIMEOUT, Duration.ofMillis(100));
            wait.until(driver -> cells(browser).size() == 9
                    && texts(browser, "#sweep-lr table.trials tbody tr").size() == 18);

            List<Map<String, String>> cells = cells(browser);
            for (int row = 0; row < 3; row++) {
                for (int column = 0; column < 3; column++) {
                    Map<String, String> cell = cells.get(row * 3 + column);
                    assertThat(cell).containsEntry("x", LEARNING_RATES.get(column))
                        .containsEntry("y", BETA_INITS.get(row));
                    assertThat(Double.parseDouble(cell.get("value")))
                        .as("the cell at learning rate %s, β_init %s", LEARNING_RATES.get(column), BETA_INITS.get(row))
                        .isEqualTo(cellMean(row, column));
                }
            }
            assertThat(cells(browser, "#sweep-lr rect.cell.best"))
                .extracting(cell -> cell.get("x"), cell -> cell.get("y"))
                .containsExactly(tuple("0.03", "0.95"));
            assertThat(texts(browser, "#sweep-lr rect.best-outline")).hasSize(1);
            assertThat(texts(browser, "#sweep-lr text.cell-value")).containsExactly("0.4250", "0.3150", "0.5350",
                    "0.4150", "0.2450", "0.3350", "0.6650", "0.4050", "0.7800");
            assertThat(texts(browser, "#sweep-lr text.axis-label")).containsExactly("learning-rate.initial",
                    "momentum.beta-init");
            assertThat(texts(browser, "#sweep-lr text.tick")).containsExactly("0.01", "0.03", "0.1", "0.9", "0.95",
                    "0.99");
            assertThat(row(browser, "trial-0006")).containsExactly("trial-0006", "PRUNED", "1", "0.8200", "0.8200", "1",
                    "0.01", "0.99", "2");
            assertThat(row(browser, "trial-0003")).containsExactly("trial-0003", "FAILED", "2", "0.4600", "0.4600", "1",
                    "0.01", "0.95", "1");
            assertThat(row(browser, "trial-0017")).containsExactly("trial-0017", "STARTING", "0", "–", "–", "0", "0.1",
                    "0.99", "1");
            assertThat(row(browser, "trial-0018")).containsExactly("trial-0018", "STARTED", "1", "0.7800", "0.7800",
                    "2", "0.1", "0.99", "2");
            assertThat(texts(browser, "#sweep-lr .counts .status")).containsExactly("13 COMPLETED", "1 FAILED",
                    "2 PRUNED", "1 STARTED", "1 STARTING");

            // Trial 18 finishes its second epoch: the page follows within a refresh.
            sweep.trial(progress(18).withAttempt("node-a")
                .withAttempt("node-a")
                .withEpoch(finalLoss(2, 2, 2) + 0.3, finalLoss(2, 2, 2) + 0.3, 8, 1)
                .withEpoch(0.57, 0.57, 16, 2), BatchStatus.STARTED, "EXECUTING");
            wait.until(driver -> row(browser, "trial-0018").get(2).equals("2"));
            assertThat(Double.parseDouble(cells(browser).get(8).get("value"))).isEqualTo(0.57);
            screenshot(browser, "sweep-page.png");
        }
        finally {
            browser.quit();
        }
    }

    /** The final validation loss of a cell, 0.01 more for seed 2. */
    private static double finalLoss(int row, int column, int seed) {
        return FINAL_LOSS[row][column] + (seed == 2 ? 0.01 : 0.0);
    }

    /**
     * Trial n of the grid: learning rate slowest, seed fastest, as a grid search lists
     * them.
     */
    private static TrialProgress progress(int trial) {
        int index = trial - 1;
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("learning-rate.initial", LEARNING_RATES.get(index / 6));
        parameters.put("momentum.beta-init", BETA_INITS.get(index / 2 % 3));
        parameters.put("seed", String.valueOf(index % 2 + 1));
        return TrialProgress.notStarted("trial-%04d".formatted(trial), parameters);
    }

    private static void record(RecordedSweep sweep, int trial) {
        TrialProgress progress = progress(trial);
        int index = trial - 1;
        double last = finalLoss(index / 2 % 3, index / 6, index % 2 + 1);
        TrialProgress first = progress.withAttempt("node-a").withEpoch(last + 0.3, last + 0.3, 8, 1);
        switch (trial) {
            case 3 -> sweep.trial(first.withEpoch(last + 0.1, last + 0.1, 16, 2), BatchStatus.FAILED, "FAILED");
            case 6, 14 -> sweep.trial(first, BatchStatus.COMPLETED, TrialOutcome.PRUNED);
            case 17 -> sweep.trial(progress, BatchStatus.STARTING, "EXECUTING");
            case 18 -> sweep.trial(
                    progress.withAttempt("node-a").withAttempt("node-a").withEpoch(last + 0.3, last + 0.3, 8, 1),
                    BatchStatus.STARTED, "EXECUTING");
            default -> sweep.trial(first.withEpoch(last + 0.1, last + 0.1, 16, 2).withEpoch(last, last, 24, 3),
                    BatchStatus.COMPLETED, "COMPLETED");
        }
    }

    /**
     * The mean of a cell's best losses as the page computes it, seed 1 then seed 2, from
     * the epochs each trial has finished.
     */
    private static double cellMean(int row, int column) {
        double sum = 0;
        int count = 0;
        for (int seed = 1; seed <= 2; seed++) {
            int trial = column * 6 + row * 2 + seed;
            double last = finalLoss(row, column, seed);
            Double best = switch (trial) {
                case 3 -> last + 0.1;
                case 6, 14, 18 -> last + 0.3;
                case 17 -> null;
                default -> last;
            };
            if (best != null) {
                sum += best;
                count++;
            }
        }
        return sum / count;
    }

    /** The heatmap's cells, rows of y first: their x, y and value. */
    private static List<Map<String, String>> cells(ChromeDriver browser) {
        return cells(browser, "#sweep-lr rect.cell");
    }

    // Read in one script, as the page redraws every 2 s: elements found in one call and
    // read in the next may be gone.
    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> cells(ChromeDriver browser, String selector) {
        return (List<Map<String, String>>) browser.executeScript("""
                return Array.from(document.querySelectorAll(arguments[0])).map(cell => ({
                    x: cell.getAttribute('data-x'), y: cell.getAttribute('data-y'),
                    value: cell.getAttribute('data-value') }));""", selector);
    }

    private static List<String> row(ChromeDriver browser, String trial) {
        return texts(browser, "#sweep-lr table.trials tr[data-trial='" + trial + "'] td");
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(ChromeDriver browser, String selector) {
        return (List<String>) browser.executeScript(
                "return Array.from(document.querySelectorAll(arguments[0])).map(e => e.textContent);", selector);
    }

    private static void screenshot(ChromeDriver browser, String name) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "screenshots"));
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), folder.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Configuration(proxyBeanMethods = false)
    static class Sweep {

        @Bean
        SweepSummary learningRateSweep() {
            return new SweepSummary(RecordedSweep.SWEEP, SyntheticPipeline.NAME, "grid", ModelMonitor.VALIDATION_LOSS,
                    RecordedSweep.TRIAL_STEP);
        }

    }

}
