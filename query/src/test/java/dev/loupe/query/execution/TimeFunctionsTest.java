package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.SimpleDateFormat;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class TimeFunctionsTest {
    private static final long BASE = FunctionQueries.BASE;
    private final FunctionQueries queries = new FunctionQueries();
    private final FunctionQueries newYork = new FunctionQueries(ZoneId.of("America/New_York"));

    @Test
    void queryClockAndRange() {
        assertThat(queries.value("now()")).isEqualTo(BASE + 3_600_000);
        assertThat(queries.value("queryStartTime()")).isEqualTo(BASE - 3_600_000);
        assertThat(queries.value("queryEndTime()")).isEqualTo(BASE + 3_600_000);
        assertThat(queries.value("queryTimeRange()")).isEqualTo(7_200_000L);
    }

    @Test
    void formatDateDefaultsToUsStyleInTheQueryZone() {
        assertThat(queries.value("formatDate(1700000000123)")).isEqualTo("11/14/2023 22:13:20.123 +0000");
        assertThat(newYork.value("formatDate(1700000000123)")).isEqualTo("11/14/2023 17:13:20.123 -0500");
        assertThat(queries.value("formatDate(_messagetime, \"yyyy-MM-dd\")")).isEqualTo("2023-11-14");
        assertThat(queries.value("formatDate(s, \"HH:mm\", \"Asia/Kolkata\")", Map.of("s", "1700000000000")))
                .isEqualTo("03:43");
        assertThat(queries.value("formatDate(missing)")).isNull();
    }

    @Test
    void formatDateMatchesSimpleDateFormat() {
        List<String> patterns = List.of("yyyy-MM-dd'T'HH:mm:ss.SSSZ", "EEE, d MMM yyyy HH:mm:ss Z", "EEEE MMMM dd yy",
                "h:mm a", "hh 'o''clock' a, zzzz", "K:mm a, z", "yyyyMMddHHmmss", "D u w", "XXX X", "S SS SSSS",
                "'literal' [#{}] 'x'", "k");
        long[] instants = {BASE, 0L, 1_710_054_000_000L, 1_730_613_600_000L, -86_400_001L};
        for (String zoneId : List.of("UTC", "America/New_York", "Asia/Kolkata")) {
            for (String pattern : patterns) {
                for (long instant : instants) {
                    SimpleDateFormat reference = new SimpleDateFormat(pattern, java.util.Locale.US);
                    reference.setTimeZone(TimeZone.getTimeZone(zoneId));
                    String expression = "formatDate(" + instant + ", \"" + pattern + "\", \"" + zoneId + "\")";
                    assertThat(queries.value(expression)).as(expression)
                            .isEqualTo(reference.format(new Date(instant)));
                }
            }
        }
    }

    @Test
    void formatDateAcrossDaylightSavingTransitions() {
        assertThat(queries.value("formatDate(1710054000000, \"yyyy-MM-dd HH:mm z\", \"America/New_York\")"))
                .isEqualTo("2024-03-10 03:00 EDT");
        assertThat(queries.value("formatDate(1710053999999, \"yyyy-MM-dd HH:mm:ss z\", \"America/New_York\")"))
                .isEqualTo("2024-03-10 01:59:59 EST");
        assertThat(queries.value("formatDate(1730611500000, \"HH:mm z\", \"america/new_york\")"))
                .isEqualTo("01:25 EDT");
        assertThat(queries.value("formatDate(1730615100000, \"HH:mm z\", \"etc/utc\")")).isEqualTo("06:25 UTC");
    }

    @Test
    void formatDateErrors() {
        assertThat(queries.failure("formatDate(1.5)").getMessage()).contains("formatDate()", "toLong");
        assertThat(queries.failure("formatDate(1, \"yyyy-bb\")").getMessage())
                .contains("formatDate()", "illegal pattern character 'b'");
        assertThat(queries.failure("formatDate(1, \"'open\")").getMessage()).contains("unterminated quote");
        assertThat(queries.failure("formatDate(1, \"yyyy\", \"Mars/Olympus\")").getMessage())
                .isEqualTo("formatDate(): unknown time zone: \"Mars/Olympus\"");
    }

    @Test
    void parseDateReadsTheStartOfTheText() {
        assertThat(queries.value("parseDate(s, \"yyyy-MM-dd HH:mm:ss\")", Map.of("s", "2023-11-14 22:13:20 rest")))
                .isEqualTo(1_700_000_000_000L);
        assertThat(queries.value("parseDate(s, \"yyyy-MM-dd'T'HH:mm:ss.SSSZ\")",
                Map.of("s", "2023-11-14T17:13:20.123-0500"))).isEqualTo(1_700_000_000_123L);
        assertThat(queries.value("parseDate(s, \"MM/dd/yyyy\", \"UTC\")", Map.of("s", "1/5/2024")))
                .isEqualTo(1_704_412_800_000L);
        assertThat(queries.value("parseDate(s, \"dd/MMM/yyyy:HH:mm:ss Z\")",
                Map.of("s", "10/Oct/2000:13:55:36 -0700"))).isEqualTo(971_211_336_000L);
        assertThat(queries.value("parseDate(s, \"HH:mm\")", Map.of("s", "01:30"))).isEqualTo(5_400_000L);
        assertThat(queries.value("parseDate(s, \"yyyyMMdd\")", Map.of("s", "20240105"))).isEqualTo(1_704_412_800_000L);
        assertThat(queries.value("parseDate(s, \"yyyy-MM-dd\")", Map.of("s", "not a date"))).isNull();
        assertThat(queries.value("parseDate(missing, \"yyyy\")")).isNull();
    }

    @Test
    void parseDateUsesTheQueryZoneAndDaylightSaving() {
        assertThat(newYork.value("parseDate(s, \"yyyy-MM-dd HH:mm\")", Map.of("s", "2024-07-01 12:00")))
                .isEqualTo(1_719_849_600_000L);
        assertThat(newYork.value("parseDate(s, \"yyyy-MM-dd HH:mm\")", Map.of("s", "2024-01-01 12:00")))
                .isEqualTo(1_704_128_400_000L);
        assertThat(queries.value("parseDate(s, \"yyyy-MM-dd HH:mm\", \"EUROPE/BERLIN\")",
                Map.of("s", "2024-07-01 12:00"))).isEqualTo(1_719_828_000_000L);
        assertThat(queries.value("formatDate(parseDate(s, \"yyyy-MM-dd HH:mm\", \"Asia/Tokyo\"), "
                + "\"yyyy-MM-dd HH:mm\", \"Asia/Tokyo\")", Map.of("s", "2024-02-29 23:59"))).isEqualTo("2024-02-29 23:59");
    }

    @Test
    void epochConversions() {
        assertThat(queries.value("fromMillis(s)", Map.of("s", "1700000000000"))).isEqualTo(1_700_000_000_000L);
        assertThat(queries.value("fromSeconds(s)", Map.of("s", "1700000000"))).isEqualTo(1_700_000_000_000L);
        assertThat(queries.value("fromSeconds(1.5)")).isEqualTo(1500L);
        assertThat(queries.value("fromMicros(1700000000000123)")).isEqualTo(1_700_000_000_000L);
        assertThat(queries.value("fromNanos(s)", Map.of("s", "1700000000000123456"))).isEqualTo(1_700_000_000_000L);
        assertThat(queries.value("toMillis(fromSeconds(2))")).isEqualTo(2000L);
        assertThat(queries.value("fromMillis(missing)")).isNull();
        assertThat(queries.value("formatDate(fromMillis(toLong(s)), \"yyyy\")", Map.of("s", "0"))).isEqualTo("1970");
    }
}
