package dev.loupe.query.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.loupe.core.LoupeException;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.metrics.MetricsQueryEngine;
import dev.loupe.testing.InMemoryLogStore;
import dev.loupe.testing.InMemoryMetricStore;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz targets for the log and metrics query parsers (through the engines' {@code check}: lexer, parser and
 * analyzer). Any text must either pass or fail with a {@link LoupeException} (a located user error); any other
 * exception or error, a {@link StackOverflowError} included, is a bug that Jazzer reports with the input.
 *
 * <p>The input is the query's UTF-8 bytes (malformed sequences become U+FFFD, as in a request body). Without
 * {@code JAZZER_FUZZ} the targets replay their corpus ({@code src/test/resources/dev/loupe/query/fuzz/
 * QueryParserFuzzTestInputs/<method>/}) as regression tests; {@code mvn verify} fuzzes each for a few seconds (see
 * the {@code fuzz} executions in this module's {@code pom.xml}).
 */
class QueryParserFuzzTest {
    private static final LogQueryEngine LOGS = new LogQueryEngine(new InMemoryLogStore());
    private static final MetricsQueryEngine METRICS = new MetricsQueryEngine(new InMemoryMetricStore());

    @FuzzTest(maxDuration = "5s")
    void logQuery(byte[] text) {
        try {
            LOGS.check(new String(text, StandardCharsets.UTF_8));
        } catch (LoupeException expected) {
            // a user error with a position: the documented outcome for invalid text
        }
    }

    @FuzzTest(maxDuration = "5s")
    void metricsQuery(byte[] text) {
        try {
            METRICS.check(new String(text, StandardCharsets.UTF_8));
        } catch (LoupeException expected) {
            // a user error with a position: the documented outcome for invalid text
        }
    }
}
