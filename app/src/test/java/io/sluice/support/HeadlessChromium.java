package io.sluice.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Debian chromium, driven headless by its own chromedriver. Both paths are given to Selenium, so
 * Selenium Manager never looks for (or downloads) a browser or a driver.
 *
 * <p>Browser tests are annotated {@code @EnabledIf("io.sluice.support.HeadlessChromium#installedOrRequired")}:
 * without chromium a developer's build skips them; CI sets {@code SLUICE_BROWSER_TESTS=required}, and there a
 * missing browser fails the build.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(setting("SLUICE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(setting("SLUICE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    // long enough for a slow shared CI machine; waits end as soon as the page shows what is awaited
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static HeadlessChromium start() {
        requireBrowser();
        Path profile = temporaryProfile();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1440,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    /**
     * For {@code @EnabledIf}: a browser test runs where chromium is installed, and where it is required,
     * to fail there.
     */
    public static boolean installedOrRequired() {
        return installed() || "required".equals(System.getenv("SLUICE_BROWSER_TESTS"));
    }

    public static void requireBrowser() {
        if (!installed()) {
            fail("browser tests need chromium at " + CHROMIUM + " and chromedriver at " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver, or set SLUICE_CHROMIUM / SLUICE_CHROMEDRIVER)");
        }
    }

    private static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    private static Path temporaryProfile() {
        try {
            return Files.createTempDirectory("sluice-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String setting(String variable, String fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : value;
    }
}
