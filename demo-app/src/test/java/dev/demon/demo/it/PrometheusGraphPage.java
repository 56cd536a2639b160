package dev.demon.demo.it;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import dev.demon.spring.testing.HeadlessChromium;
import dev.demon.spring.testing.TestPackages;

/**
 * Prometheus' own graph page, opened in headless Chromium: the picture of a query over a
 * time range that a user of Prometheus' web UI sees. Debian's prometheus (2.42) serves
 * its classic UI at {@code /classic/graph}, which draws with Rickshaw (an SVG
 * {@code path.path} per series) and takes the query from the URL ({@code g0.expr},
 * {@code g0.tab=0} for the graph tab, {@code g0.range_input}, {@code g0.step_input}; no
 * end time draws up to now).
 */
final class PrometheusGraphPage implements AutoCloseable {

    private final ChromeDriver browser;

    private final URI prometheus;

    private PrometheusGraphPage(ChromeDriver browser, URI prometheus) {
        this.browser = browser;
        this.prometheus = prometheus;
    }

    /**
     * Starts headless Chromium for the Prometheus server at {@code prometheus}.
     * @throws IllegalStateException naming {@value TestPackages#INSTALL_SCRIPT} when
     * Chromium or its driver is not installed
     */
    static PrometheusGraphPage open(URI prometheus) {
        // Wide enough for the legend of a panel's series to stay on a few lines.
        return new PrometheusGraphPage(HeadlessChromium.start(1100, 1300), prometheus);
    }

    /**
     * Draws {@code expr} from {@code start} to now, one point per {@code step}, as the
     * graph tab does, and waits until it is drawn or the page reports an error.
     * @return what the page drew
     */
    Drawing draw(String expr, Instant start, Duration step) {
        long rangeSeconds = Duration.between(start, Instant.now()).toSeconds() + 1;
        this.browser.get(this.prometheus
            .resolve("/classic/graph?g0.expr=" + encode(expr) + "&g0.tab=0&g0.range_input=" + rangeSeconds
                    + "s&g0.step_input=" + step.toSeconds())
            .toString());
        // The page's script builds the graph from a template it fetches after the page
        // has loaded.
        WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
        WebElement wrapper = wait
            .until(page -> page.findElements(By.id("graph_wrapper0")).stream().findFirst().orElse(null));
        By curves = By.cssSelector(".graph svg path.path");
        By error = By.cssSelector(".error");
        wait.until(page -> !wrapper.findElements(curves).isEmpty() || wrapper.findElement(error).isDisplayed());
        WebElement shownError = wrapper.findElement(error);
        String errorText = shownError.isDisplayed() ? shownError.getText() : "";
        List<String> paths = wrapper.findElements(curves).stream().map(path -> path.getAttribute("d")).toList();
        return new Drawing(paths, errorText, wrapper.getScreenshotAs(OutputType.BYTES));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        this.browser.quit();
    }

    /**
     * What the graph page drew: the SVG path data of each series' curve, the error it
     * shows (empty when none) and a PNG of the query, its controls, the graph and the
     * legend.
     */
    record Drawing(List<String> curves, String error, byte[] png) {

        /**
         * The curves that join at least two points: SVG's path data draws a line with an
         * {@code L} command
         * (https://www.w3.org/TR/SVG11/paths.html#PathDataLinetoCommands).
         */
        long linesDrawn() {
            return this.curves.stream().filter(path -> path != null && path.contains("L")).count();
        }

    }

}
