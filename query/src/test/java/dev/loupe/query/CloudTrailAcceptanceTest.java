package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.testing.InMemoryLogStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Acceptance: the panther CloudTrail test events, counted by event name through the engine and independently with
 * Jackson.
 */
class CloudTrailAcceptanceTest {
    private static final Path EVENTS =
            Path.of("/work/shared/data/cloudtrail/panther-analysis-test-events/cloudtrail_test_events.jsonl");
    private static final long FALLBACK_TIME = Instant.parse("2020-01-01T00:00:00Z").toEpochMilli();
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(0, Instant.parse("2100-01-01T00:00:00Z")
            .toEpochMilli()), ZoneOffset.UTC, false, FALLBACK_TIME);

    private static LogQueryEngine engine;
    private static Map<String, Long> expectedCounts;
    private static long lines;
    private static long withoutEventName;

    @BeforeAll
    static void load() throws IOException {
        InMemoryLogStore store = new InMemoryLogStore();
        expectedCounts = new HashMap<>();
        List<LogMessage> messages = new ArrayList<>();
        JsonFactory factory = new JsonFactory();
        for (String line : Files.readAllLines(EVENTS, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            lines++;
            Map<String, String> topLevel = topLevelStrings(factory, line);
            long time = FALLBACK_TIME;
            try {
                if (topLevel.containsKey("eventTime")) {
                    time = Instant.parse(topLevel.get("eventTime")).toEpochMilli();
                }
            } catch (DateTimeParseException unparseable) {
                time = FALLBACK_TIME;
            }
            messages.add(LogMessage.of(line, time, time));
            String eventName = topLevel.get("eventName");
            if (eventName == null) {
                withoutEventName++;
            } else {
                expectedCounts.merge(eventName, 1L, Long::sum);
            }
        }
        store.append(messages);
        engine = new LogQueryEngine(store);
    }

    /** Top-level keys whose values are scalars, as text (the independent reference). */
    private static Map<String, String> topLevelStrings(JsonFactory factory, String line) throws IOException {
        Map<String, String> values = new HashMap<>();
        try (JsonParser parser = factory.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return values;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value.isScalarValue() && value != JsonToken.VALUE_NULL) {
                    values.put(name, parser.getText());
                } else {
                    parser.skipChildren();
                }
            }
        }
        return values;
    }

    @Test
    void countByEventNameMatchesIndependentCount() {
        QueryResult result = engine.execute("| json \"eventName\" | count by eventName | sort by _count", CONTEXT);
        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat(result.fields()).extracting(ResultField::name).containsExactly("eventName", "_count");
        Map<String, Long> actual = new HashMap<>();
        long previous = Long.MAX_VALUE;
        for (Object[] row : result.rows()) {
            long count = (Long) row[1];
            assertThat(count).isLessThanOrEqualTo(previous);
            previous = count;
            actual.put((String) row[0], count);
        }
        assertThat(actual).isEqualTo(expectedCounts);
        assertThat(result.messageCount()).isEqualTo(lines - withoutEventName);
        assertThat(expectedCounts).hasSizeGreaterThan(10);
    }

    @Test
    void supportedAppContentQueriesRun() throws IOException {
        List<String> queries = dev.loupe.query.parser.QueryParserTestAccess.appContentQueries();
        for (int index : new int[] {2, 3, 5, 7, 10}) {
            String query = queries.get(index).replaceAll("\\{\\{\\w+}}", "*")
                    .replace("\"\\\"eventSource\\\":\\\"apigateway.amazonaws.com\\\"\"", "");
            QueryResult result = engine.execute(query, CONTEXT);
            assertThat(result.kind()).as("query %d", index + 1).isEqualTo(QueryResult.Kind.RECORDS);
        }
    }

    /**
     * The acceptance query, exactly as written: a first segment that parses as an operator the engine
     * runs is that operator with an empty scope, as if the query began with "|".
     */
    @Test
    void leadingOperatorWithoutPipeRunsAsTheOperator() {
        QueryResult result = engine.execute("json \"eventName\" | count by eventName | sort by _count", CONTEXT);
        Map<String, Long> actual = new HashMap<>();
        for (Object[] row : result.rows()) {
            actual.put((String) row[0], (Long) row[1]);
        }
        assertThat(actual).isEqualTo(expectedCounts);
    }

    /** A quoted word is always a keyword, so the literal scope reading stays available. */
    @Test
    void quotedOperatorNameIsAKeyword() {
        QueryResult result = engine.execute("\"json\" \"eventName\" | count by eventName", CONTEXT);
        assertThat(result.rows()).allSatisfy(row -> assertThat(row[0]).isNull());
        assertThat(result.messageCount()).isLessThan(lines);
    }

    /** A first word that is an operator name but does not parse as that operator stays a keyword. */
    @Test
    void operatorNameThatIsNotAnOperatorStaysAKeyword() {
        QueryResult result = engine.execute("parse error | count", CONTEXT);
        assertThat(result.kind()).isEqualTo(QueryResult.Kind.RECORDS);
        assertThat((Long) result.rows().get(0)[0]).isLessThan(lines);
    }

    @Test
    void nodropKeepsEventsWithoutTheKey() {
        QueryResult result = engine.execute("* | json \"eventName\" nodrop | count by eventName", CONTEXT);
        long total = 0;
        for (Object[] row : result.rows()) {
            total += (Long) row[1];
        }
        assertThat(total).isEqualTo(lines);
        assertThat(result.messageCount()).isEqualTo(lines);
        QueryResult missing = engine.execute("| json \"eventName\" nodrop | where isNull(eventName) | count",
                CONTEXT);
        assertThat(missing.rows().get(0)[0]).isEqualTo(withoutEventName);
    }

    @Test
    void whereFilterOnExtractedField() {
        String name = expectedCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        QueryResult result = engine.execute("| json \"eventName\", \"userIdentity.type\" as event, identity nodrop "
                + "| where event = \"" + name + "\" | count", CONTEXT);
        assertThat(result.rows().get(0)[0]).isEqualTo(expectedCounts.get(name));
        QueryResult messages = engine.execute("| json \"eventName\" as event | where event = \"" + name + "\"",
                CONTEXT);
        assertThat(messages.kind()).isEqualTo(QueryResult.Kind.MESSAGES);
        assertThat(messages.rows()).hasSize(expectedCounts.get(name).intValue());
        assertThat(messages.histogram().stream().mapToLong(HistogramBucket::count).sum())
                .isEqualTo(expectedCounts.get(name));
    }
}
