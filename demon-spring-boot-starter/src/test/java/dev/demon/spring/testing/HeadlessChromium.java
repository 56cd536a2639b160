package dev.demon.spring.testing;

import java.nio.file.Path;
import java.util.List;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by Debian's chromedriver: both named to Selenium,
 * so that Selenium Manager never looks for, or downloads, a browser or a driver.
 */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /**
     * Starts the browser.
     * @param width the window's width in pixels
     * @param height the window's height in pixels
     * @return the driver, to quit when done
     * @throws IllegalStateException naming {@value TestPackages#INSTALL_SCRIPT} when
     * Chromium or its driver is not installed
     */
    public static ChromeDriver start(int width, int height) {
        Path chromium = TestPackages.program("chromium", "chromium", List.of(Path.of("/usr/bin/chromium")));
        Path driver = TestPackages.program("chromedriver", "chromium-driver",
                List.of(Path.of("/usr/bin/chromedriver")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
            .usingAnyFreePort()
            .build();
        // Chromium's sandbox refuses to run as root, which CI is; the pages are our own
        // servers'.
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
            .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--hide-scrollbars", "--window-size=" + width + "," + height);
        return new ChromeDriver(service, options);
    }

}
