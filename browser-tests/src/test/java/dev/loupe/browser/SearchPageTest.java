package dev.loupe.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.cli.DemoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

@ExtendWith(LoupeBrowserExtension.class)
class SearchPageTest {
    private static final String CLOUDTRAIL = "_sourceCategory=aws/observability/cloudtrail/logs";

    @BeforeEach
    void signedIn(Browser browser, DemoServer server) {
        browser.signIn(server.userName(), server.password(), "#/search");
        browser.open("#/search?from=-1d");
        browser.waitFor(By.cssSelector(".search-page .query-input"));
    }

    private static WebElement type(Browser browser, String... lines) {
        WebElement input = browser.waitFor(By.cssSelector(".search-page .query-input"));
        input.clear();
        for (int line = 0; line < lines.length; line++) {
            if (line > 0) {
                input.sendKeys(Keys.chord(Keys.SHIFT, Keys.ENTER));
            }
            input.sendKeys(lines[line]);
        }
        return input;
    }

    @Test
    void runsAnAggregateAndShowsItsTableTheHistogramAndTheMessages(Browser browser) {
        type(browser, CLOUDTRAIL + " | json \"eventSource\", \"eventName\"",
                "| count by eventSource, eventName | sort by _count | limit 15").sendKeys(Keys.ENTER);

        browser.waitFor(By.cssSelector(".search-progress.done"));
        List<WebElement> records = browser.all(By.cssSelector(".records-table tbody tr"));
        assertThat(records).isNotEmpty().hasSizeLessThanOrEqualTo(15);
        assertThat(browser.all(By.cssSelector(".records-table thead th")).stream().map(WebElement::getText).toList())
                .contains("eventsource", "eventname", "_count");
        assertThat(browser.all(By.cssSelector(".histogram-card canvas"))).isNotEmpty();
        assertThat(browser.driver().getCurrentUrl()).contains("q=").contains("from=-1d");
        browser.screenshot("search-aggregate-table");

        browser.waitFor(By.cssSelector(".result-tab[data-view=messages]")).click();
        List<WebElement> messages = browser.all(By.cssSelector(".messages-table tbody tr.message-row"));
        assertThat(messages).isNotEmpty();
        assertThat(messages.getFirst().getText()).contains("eventSource");
        messages.getFirst().click();
        WebElement json = browser.waitFor(By.cssSelector(".message-detail .json-view"));
        assertThat(json.getText()).contains("\"eventName\":");
        browser.script("document.querySelector('.results-card').scrollIntoView(); window.scrollBy(0, -60);");
        browser.screenshot("search-messages-expanded");

        browser.script("window.scrollTo(0, 0);");
        browser.waitFor(By.cssSelector(".result-tab[data-view=aggregates]")).click();
        browser.waitFor(By.cssSelector(".export-csv")).click();
        Path csv = browser.waitUntil(driver -> csvIn(browser.downloads()));
        assertThat(readAllLines(csv).getFirst()).isEqualTo("eventsource,eventname,_count");
        assertThat(readAllLines(csv)).hasSize(records.size() + 1);

        browser.waitFor(By.cssSelector(".history-button")).click();
        assertThat(browser.waitFor(By.cssSelector(".history-entry code")).getText()).contains("count by eventSource");
    }

    private static Path csvIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
        } catch (IOException missing) {
            return null;
        }
    }

    private static List<String> readAllLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    @Test
    void theStartPageOffersExamplesAndATimeSeriesAggregateDrawsAsALineChart(Browser browser) {
        assertThat(browser.all(By.cssSelector(".search-intro .example"))).hasSizeGreaterThanOrEqualTo(3);
        browser.screenshot("search-start");

        browser.waitFor(By.xpath("//button[contains(@class,'example')][contains(., 'per hour')]")).click();
        browser.waitFor(By.cssSelector(".search-progress.done"));
        assertThat(browser.all(By.cssSelector(".records-table tbody tr"))).isNotEmpty();
        WebElement line = browser.waitFor(By.cssSelector(".segment[data-chart=line]"));
        assertThat(line.isEnabled()).as("records with _timeslice can be a line chart").isTrue();
        assertThat(browser.waitFor(By.cssSelector(".segment[data-chart=map]")).isEnabled()).isFalse();
        line.click();
        browser.waitFor(By.cssSelector(".aggregate-chart canvas"));
        browser.screenshot("search-aggregate-line-chart");
        browser.waitFor(By.cssSelector(".segment[data-chart=column]")).click();
        browser.waitFor(By.cssSelector(".aggregate-chart canvas"));
    }

    @Test
    void aGeoLookupAggregateDrawsOnTheWorldMapAndAsAPie(Browser browser) {
        type(browser, CLOUDTRAIL + " | json \"sourceIPAddress\" as ip",
                "| lookup latitude, longitude, country_code from geo://location on ip",
                "| where !isNull(latitude) | count by latitude, longitude, country_code").sendKeys(Keys.ENTER);
        browser.waitFor(By.cssSelector(".search-progress.done"));
        assertThat(browser.all(By.cssSelector(".records-table tbody tr"))).isNotEmpty();
        WebElement map = browser.waitFor(By.cssSelector(".segment[data-chart=map]"));
        assertThat(map.isEnabled()).as("records with latitude and longitude can be a map").isTrue();
        map.click();
        browser.waitFor(By.cssSelector(".aggregate-chart canvas"));
        browser.screenshot("search-aggregate-map");
        browser.waitFor(By.cssSelector(".segment[data-chart=pie]")).click();
        browser.waitFor(By.cssSelector(".aggregate-chart canvas"));
        browser.screenshot("search-aggregate-pie");
    }

    @Test
    void theTimePickerSetsTheRangeAndTheTimeZoneWhichTheUrlKeeps(Browser browser) {
        browser.waitFor(By.cssSelector(".time-picker-button")).click();
        browser.waitFor(By.cssSelector(".time-picker-panel"));
        browser.screenshot("search-time-picker");
        browser.waitFor(By.cssSelector(".time-picker-preset[data-from='-3h']")).click();
        assertThat(browser.waitFor(By.cssSelector(".time-picker-label")).getText()).isEqualTo("Last 3 hours");
        assertThat(browser.all(By.cssSelector(".time-picker-panel"))).as("a choice closes the panel").isEmpty();

        browser.waitFor(By.cssSelector(".time-picker-button")).click();
        new Select(browser.waitFor(By.cssSelector(".time-picker-zone-select"))).selectByValue("Asia/Tokyo");
        assertThat(browser.waitFor(By.cssSelector(".time-picker-zone")).getText()).isEqualTo("Tokyo");

        type(browser, CLOUDTRAIL).sendKeys(Keys.ENTER);
        browser.waitFor(By.cssSelector(".search-progress.done"));
        assertThat(browser.driver().getCurrentUrl()).contains("from=-3h").contains("tz=Asia%2FTokyo");
        // Times are shown in the chosen zone: Tokyo is UTC+9 all year.
        String shown = browser.waitFor(By.cssSelector(".messages-table tbody tr.message-row .col-time")).getText();
        Instant newest = LocalDateTime.parse(shown.replace(' ', 'T')).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
        assertThat(newest).isBetween(Instant.now().minus(Duration.ofHours(3)).minusSeconds(120), Instant.now().plusSeconds(120));
    }

    @Test
    void aBadQueryIsMarkedWhereTheParserSaysWithItsMessage(Browser browser) {
        type(browser, "error", "| jsn \"x\"").sendKeys(Keys.ENTER);

        WebElement location = browser.waitFor(By.cssSelector(".query-error-location"));
        assertThat(location.getText()).isEqualTo("Line 2, column 3");
        assertThat(browser.waitFor(By.cssSelector(".query-error-text")).getText())
                .contains("unknown operator 'jsn'").contains("json");
        assertThat(browser.waitFor(By.cssSelector(".query-error-mark")).getText()).isEqualTo("jsn");
        assertThat(browser.waitFor(By.cssSelector(".query-line-number.error")).getText()).isEqualTo("2");
        assertThat(browser.all(By.cssSelector(".results-card"))).isEmpty();
        browser.screenshot("search-error-marker");

        browser.waitFor(By.cssSelector(".search-page .query-input")).sendKeys("x");
        assertThat(browser.all(By.cssSelector(".query-error-mark"))).as("editing clears the marker").isEmpty();
    }

    @Test
    void cancelStopsTheSearchAndDeletesItsJob(Browser browser) {
        type(browser, CLOUDTRAIL + " | count by _sourceHost");
        browser.slowNetwork(Duration.ofMillis(1500));
        try {
            browser.waitFor(By.cssSelector(".search-page .query-input")).sendKeys(Keys.ENTER);
            // Once the job exists (its id is on the progress line), cancel while a status poll is in flight.
            String jobId = browser.waitUntil(driver -> {
                String id = driver.findElement(By.cssSelector(".search-progress")).getAttribute("data-job-id");
                return id == null || id.isEmpty() ? null : id;
            });
            browser.waitFor(By.cssSelector(".search-cancel")).click();
            assertThat(browser.waitFor(By.cssSelector(".search-progress.cancelled")).getText()).contains("cancelled");
            assertThat(browser.waitFor(By.cssSelector(".search-run")).isDisplayed()).isTrue();
            assertThat(browser.waitFor(By.cssSelector(".search-stopped .empty-title")).getText()).isEqualTo("Search cancelled");
            browser.normalNetwork();
            browser.screenshot("search-cancelled");
            browser.waitUntil(driver -> browser.apiStatus("GET", "/api/v1/search/jobs/" + jobId) == 404);
        } finally {
            browser.normalNetwork();
        }
    }
}
