package dev.loupe.browser;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's {@code /usr/bin/chromium} through {@code /usr/bin/chromedriver}; the system
 * properties {@code loupe.browser.chromium} and {@code loupe.browser.chromedriver} override the paths) with a fresh
 * profile, pointed at a Loupe server. Selenium Manager never runs: the driver path is always given.
 *
 * <p>Waits are bounded by {@link #PATIENCE} and only ever wait for something to appear; no test asserts a timing.
 */
public final class Browser implements AutoCloseable {
    /** The longest any wait lasts before failing. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final WebDriverWait wait;

    private Browser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(100));
    }

    /**
     * Starts a browser for the server at {@code baseUrl} (e.g. {@code http://127.0.0.1:41234}).
     *
     * @throws IllegalStateException when chromium or chromedriver is missing (a failure, never a skip)
     */
    public static Browser start(String baseUrl) {
        Path chromium = Path.of(System.getProperty("loupe.browser.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("loupe.browser.chromedriver", "/usr/bin/chromedriver"));
        for (Path program : List.of(chromium, chromedriver)) {
            if (!Files.isExecutable(program)) {
                throw new IllegalStateException(program + " is missing: the browser tests need Debian's packages "
                        + "chromium and chromium-driver (./loupe test installs them with apt-get when run as root; "
                        + "otherwise run: sudo apt-get install chromium chromium-driver)");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("loupe-chromium-");
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1600,1000", "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", profile.resolve("downloads").toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        return new Browser(driver, requireNonNull(baseUrl, "baseUrl is null"), profile);
    }

    /** Where this browser saves downloads (inside its temporary profile). */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    /** The WebDriver, for anything this class does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    /** The server's base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Loads the UI afresh at a route such as {@code #/search?q=error} (or {@code ""} for the start page) and returns
     * once the document is loaded. Always a full load (a change of the hash alone would re-render the page while the
     * test already looks at it).
     */
    public void open(String route) {
        driver.get("about:blank");
        driver.get(baseUrl + "/ui/" + route);
    }

    /**
     * Signs in through the sign-in page (unless this browser already is signed in) and waits for the top bar.
     * Then opens {@code route}.
     */
    public void signIn(String name, String password, String route) {
        open(route);
        WebElement ready = waitFor(By.cssSelector("#signin-form, #topbar:not([hidden])"));
        if ("signin-form".equals(ready.getAttribute("id"))) {
            WebElement form = ready;
            form.findElement(By.id("signin-name")).clear();
            form.findElement(By.id("signin-name")).sendKeys(name);
            form.findElement(By.id("signin-password")).clear();
            form.findElement(By.id("signin-password")).sendKeys(password);
            form.findElement(By.cssSelector("button[type=submit]")).click();
            waitFor(By.cssSelector("#topbar:not([hidden])"));
        }
    }

    /** Signs out through the API (the cookie and the remembered CSRF token go). */
    public void signOut() {
        open("");
        asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('/api/v1/session', {method: 'DELETE', headers: {'X-Requested-With': 'XMLHttpRequest',
                  'X-Loupe-Csrf': sessionStorage.getItem('loupe.csrf') || ''}})
                  .finally(() => { sessionStorage.clear(); localStorage.clear(); done(); });""");
    }

    /**
     * Delays every request of this browser by {@code latency} (Chromium's network emulation), so a test can act
     * while a request is in flight; {@link #normalNetwork()} ends it.
     */
    public void slowNetwork(Duration latency) {
        ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
        conditions.setLatency(latency);
        driver.setNetworkConditions(conditions);
    }

    /** Ends {@link #slowNetwork}. */
    public void normalNetwork() {
        driver.deleteNetworkConditions();
    }

    /** Sends an API request from the page (with the UI's session and CSRF token); returns the HTTP status. */
    public long apiStatus(String method, String path) {
        Object status = asyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[1], {method: arguments[0], headers: {'X-Requested-With': 'XMLHttpRequest',
                  'X-Loupe-Csrf': sessionStorage.getItem('loupe.csrf') || ''}})
                  .then((response) => done(response.status), () => done(-1));""", method, path);
        return ((Number) status).longValue();
    }

    /** Waits until an element is in the page and visible, and returns it. */
    public WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /** Waits until an element is in the page and visible and its text contains {@code text}. */
    public WebElement waitForText(By locator, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
        return driver.findElement(locator);
    }

    /** Waits until a condition holds (a non-null, non-false value), and returns the value. */
    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    /** Visible elements matching a locator (none is an empty list). */
    public List<WebElement> all(By locator) {
        return driver.findElements(locator).stream().filter(WebElement::isDisplayed).toList();
    }

    /** Runs JavaScript in the page and returns its value. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /**
     * Runs asynchronous JavaScript: the script calls {@code arguments[arguments.length - 1]} with its result.
     */
    public Object asyncScript(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, arguments);
    }

    /**
     * Saves a PNG of the viewport as {@code <name>.png} in the screenshot folder (system property
     * {@code loupe.browser.screenshots}, by default {@code target/screenshots}) and returns its path.
     */
    public Path screenshot(String name) {
        Path folder = Path.of(System.getProperty("loupe.browser.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.move(shot, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /** The browser console's warnings and errors since the last call (JavaScript exceptions among them). */
    public List<String> consoleProblems() {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue()) {
                problems.add(entry.getLevel() + " " + entry.getMessage());
            }
        }
        return problems;
    }

    /** Waits for a UI JavaScript condition, e.g. {@code "return document.querySelectorAll('tr').length > 3"}. */
    public void waitForScript(String script) {
        wait.until(ignored -> Boolean.TRUE.equals(script(script)));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    static void deleteQuietly(Path folder) {
        try (var paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary folder is harmless
        }
    }
}
