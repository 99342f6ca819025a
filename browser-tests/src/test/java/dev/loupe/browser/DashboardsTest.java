package dev.loupe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.DemoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboards, the library and the App Catalog in headless Chromium against the demo fleet: the app installs
 * from the catalog into a new folder, each of the five dashboards draws every panel with data, a variable change
 * reloads the panels. Saves a screenshot of each dashboard (the whole grid) and prints each dashboard's time to
 * fully drawn: from opening its URL (a full page load, as following a link) to every panel drawn, the first time
 * after the server started and a second time. The times are measured and written to {@code target/dashboard-draw-times.md}, never asserted.
 */
@ExtendWith(LoupeBrowserExtension.class)
class DashboardsTest {
    private static final String SETTLED = "return document.querySelector('.dashboard')?.dataset.dashboardState === 'loaded'";

    @Test
    void theAppInstallsFromTheCatalogIntoANewFolder(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/catalog");
        browser.waitFor(By.cssSelector("[data-app-name='" + DemoServer.APP_NAME + "']")).click();
        WebElement form = browser.waitFor(By.cssSelector("[data-install-form]"));
        assertThat(browser.all(By.cssSelector("[data-preview-dashboard]"))).as("a preview of each dashboard").hasSize(5);
        browser.screenshot("catalog-app");

        String folderName = "Browser test " + System.currentTimeMillis();
        WebElement name = form.findElement(By.cssSelector("[data-field=install-name]"));
        name.clear();
        name.sendKeys("API Gateway (browser test)");
        new Select(form.findElement(By.cssSelector("[data-field=install-destination]"))).selectByVisibleText("Personal");
        form.findElement(By.cssSelector("[data-field=install-new-folder]")).sendKeys(folderName);
        form.findElement(By.cssSelector("[data-action=install]")).click();
        browser.waitFor(By.cssSelector("[data-installed-id]"));
        browser.waitFor(By.cssSelector("[data-action=open-installed]")).click();

        browser.waitForText(By.cssSelector(".library-head h1"), "API Gateway (browser test)");
        assertThat(browser.waitFor(By.cssSelector(".library-path")).getText())
                .endsWith("/" + folderName + "/API Gateway (browser test)");
        browser.waitForScript("return document.querySelectorAll('a[data-item-type=Dashboard]').length === 5");
        browser.screenshot("library-installed-app");
    }

    @Test
    void everyDashboardDrawsEveryPanelWithData(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/library?folder=" + server.appFolderId());
        browser.waitForScript("return document.querySelectorAll('a[data-item-type=Dashboard]').length === 5");
        Map<String, String> dashboards = new LinkedHashMap<>();
        for (WebElement link : browser.all(By.cssSelector("a[data-item-type=Dashboard]"))) {
            dashboards.put(link.getText(), link.getAttribute("data-item-id"));
        }
        List<String> report = new ArrayList<>();
        report.add("| dashboard | query panels | first open: URL to fully drawn (ms) | second open (ms) | second open, in page (ms) |");
        report.add("|---|---|---|---|---|");
        for (Map.Entry<String, String> dashboard : dashboards.entrySet()) {
            long firstMillis = openAndTime(browser, dashboard.getValue());
            long secondMillis = openAndTime(browser, dashboard.getValue());
            Object ownMillis = browser.script("return document.querySelector('.dashboard').dataset.drawMillis");

            List<WebElement> panels = browser.driver().findElements(By.cssSelector(".panel[data-panel-type]:not(.text-panel)"));
            assertThat(panels).as(dashboard.getKey()).isNotEmpty();
            for (WebElement panel : panels) {
                String title = dashboard.getKey() + " / " + panel.getAttribute("data-panel-title");
                assertThat(panel.getAttribute("data-panel-state")).as(title + ": " + panel.getText()).isEqualTo("loaded");
                assertThat(panel.findElements(By.cssSelector("canvas, table.chart-table tbody tr, .single-value-number, .hexagon")))
                        .as(title + " draws something").isNotEmpty();
            }
            report.add("| " + dashboard.getKey() + " | " + panels.size() + " | " + firstMillis + " | " + secondMillis + " | "
                    + ownMillis + " |");
            System.out.printf("dashboard drawn: %-45s %2d query panels, first open %5d ms, second open %5d ms (%s ms in page)%n",
                    dashboard.getKey(), panels.size(), firstMillis, secondMillis, ownMillis);
            fullPageScreenshot(browser, "dashboard-" + dashboard.getKey());
        }
        writeReport(report);
    }

    @Test
    void changingAVariableReloadsThePanels(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/library?folder=" + server.appFolderId());
        browser.waitFor(By.xpath("//a[@data-item-type='Dashboard'][contains(., 'Overview')]")).click();
        browser.waitForScript(SETTLED);
        browser.waitForScript("return document.querySelector('select[data-variable=apiname]').dataset.loaded === 'true'"
                + " && document.querySelector('select[data-variable=apiname]').options.length > 2");
        Select apiname = new Select(browser.driver().findElement(By.cssSelector("select[data-variable=apiname]")));
        String chosen = apiname.getOptions().get(1).getAttribute("value");
        assertThat(chosen).isNotEqualTo("*");
        browser.script("window.__panelReloads = 0; document.querySelectorAll('.panel').forEach((panel) => new MutationObserver("
                + "() => { if (panel.dataset.panelState === 'loading') window.__panelReloads++; }).observe(panel,"
                + " {attributes: true, attributeFilter: ['data-panel-state']}));");
        apiname.selectByValue(chosen);

        browser.waitForScript("return window.__panelReloads >= 12");
        browser.waitForScript(SETTLED);
        assertThat(browser.driver().getCurrentUrl()).contains("var-apiname=" + chosen);
        WebElement table = browser.waitFor(By.cssSelector(".panel[data-panel-title='API Calls by apiname'] table.chart-table"));
        List<WebElement> rows = table.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).as("one API after choosing apiname=" + chosen).hasSize(1);
        assertThat(rows.get(0).getText()).contains(chosen);
        for (WebElement panel : browser.driver().findElements(By.cssSelector(".panel[data-panel-type]:not(.text-panel)"))) {
            assertThat(panel.getAttribute("data-panel-state")).as(panel.getAttribute("data-panel-title")).isEqualTo("loaded");
        }
        fullPageScreenshot(browser, "dashboard-overview-apiname-" + chosen);
    }

    /** Opens a dashboard by its URL in a fresh page load and returns the milliseconds until every panel settled. */
    private static long openAndTime(Browser browser, String contentId) {
        browser.driver().get("about:blank");
        long started = System.nanoTime();
        browser.open("#/dashboard/" + contentId);
        browser.waitForScript(SETTLED);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** A screenshot of the whole page: the window grows to the page's height first, then shrinks back. */
    private static void fullPageScreenshot(Browser browser, String name) {
        Dimension before = browser.driver().manage().window().getSize();
        long height = ((Number) browser.script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        browser.driver().manage().window().setSize(new Dimension(before.getWidth(), (int) Math.min(6000, height + 140)));
        browser.script("window.dispatchEvent(new Event('resize'))");
        browser.waitForScript("return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))");
        browser.screenshot(name);
        browser.driver().manage().window().setSize(before);
    }

    private static void writeReport(List<String> lines) {
        try {
            Path file = Path.of(System.getProperty("loupe.browser.screenshots", "target/screenshots")).getParent()
                    .resolve("dashboard-draw-times.md");
            Files.write(file, lines);
            System.out.println("dashboard draw times written to " + file.toAbsolutePath());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }
}
