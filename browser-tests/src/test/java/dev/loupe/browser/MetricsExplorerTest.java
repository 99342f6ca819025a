package dev.loupe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.DemoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@ExtendWith(LoupeBrowserExtension.class)
class MetricsExplorerTest {
    @Test
    void drawsTheSeriesOfTwoQueriesWithALegend(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/metrics?from=-1d");

        // Row A starts with a latency query and runs at once.
        WebElement count = browser.waitFor(By.cssSelector(".series-count"));
        assertThat(count.getText()).doesNotStartWith("0 ");
        assertThat(browser.all(By.cssSelector(".metrics-chart canvas"))).isNotEmpty();

        // Row B from the builder: the metric list comes from the catalog.
        browser.waitFor(By.cssSelector(".add-row")).click();
        WebElement rowB = browser.waitFor(By.cssSelector(".query-row[data-row=B]"));
        browser.waitUntil(driver -> rowB.findElements(By.cssSelector(".metric-select option[value=Count]")).size() == 1);
        new Select(rowB.findElement(By.cssSelector(".metric-select"))).selectByValue("Count");
        new Select(rowB.findElement(By.cssSelector(".aggregate-select"))).selectByValue("sum");
        assertThat(rowB.findElement(By.cssSelector(".query-input")).getAttribute("value")).startsWith("metric=Count").endsWith("| sum");
        browser.waitFor(By.cssSelector(".metrics-run")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("B="));
        browser.waitForScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('.metrics-chart'));
                return chart !== undefined && chart.getOption().series.some((series) => series.name.startsWith('B'));""");
        browser.screenshot("metrics-explorer");
    }
}
