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
        // A filter: the dimension, then one of its values (both lists narrowed to the chosen metric).
        browser.waitUntil(driver -> rowB.findElements(By.cssSelector(".filter-key option[value=statistic]")).size() == 1);
        new Select(rowB.findElement(By.cssSelector(".filter-key"))).selectByValue("statistic");
        browser.waitUntil(driver -> rowB.findElements(By.cssSelector(".filter-value option[value=Sum]")).size() == 1);
        new Select(rowB.findElement(By.cssSelector(".filter-value"))).selectByValue("Sum");
        assertThat(browser.waitFor(By.cssSelector(".query-row[data-row=B] .chip")).getText()).startsWith("statistic=Sum");
        new Select(rowB.findElement(By.cssSelector(".aggregate-select"))).selectByValue("sum");
        // Dimension keys are case-insensitive: the catalog lists the spelling it met first (ApiName or apiname).
        String apiName = browser.waitUntil(driver -> rowB.findElements(By.cssSelector(".group-select option")).stream()
                .map(option -> option.getAttribute("value")).filter("apiname"::equalsIgnoreCase).findFirst().orElse(null));
        new Select(rowB.findElement(By.cssSelector(".group-select"))).selectByValue(apiName);
        assertThat(rowB.findElement(By.cssSelector(".query-input")).getAttribute("value"))
                .isEqualToIgnoringCase("metric=Count statistic=Sum | sum by apiname");
        browser.waitFor(By.cssSelector(".metrics-run")).click();
        browser.waitUntil(driver -> driver.getCurrentUrl().contains("B="));
        browser.waitForScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('.metrics-chart'));
                return chart !== undefined && chart.getOption().series.some((series) => series.name.startsWith('B'));""");
        browser.screenshot("metrics-explorer");
    }
}
