package dev.loupe.store.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import dev.loupe.testing.InMemoryLogStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The log query language over the OpenSearch store answers exactly as over the reference store: the real public
 * CloudTrail test events (one message each, with metadata and custom fields that vary), and queries that exercise
 * keyword and phrase scopes, metadata and custom field matches, negation, parsing, aggregates, timeslices and
 * message results. Message ids differ between stores by design, so {@code _messageid} is left out of the comparison.
 */
@ExtendWith(OpenSearchNodeExtension.class)
class OpenSearchQueryEquivalenceTest {
    private static final Path EVENTS =
            Path.of("/work/shared/data/cloudtrail/panther-analysis-test-events/cloudtrail_test_events.jsonl");
    private static final QueryContext CONTEXT = new QueryContext(new TimeRange(0, 4_000_000_000_000L), ZoneOffset.UTC,
            false, 4_000_000_000_000L);
    private static final List<String> QUERIES = List.of(
            "| json \"eventName\" | count by eventName | sort by _count, eventName",
            "json \"eventName\" | count by eventName | sort by _count, eventName",
            "\"apigateway.amazonaws.com\" | json \"eventName\" | count by eventName | sort by eventName",
            "error* | count",
            "AccessDenied OR UnauthorizedOperation | count by _sourceHost | sort by _sourceHost",
            "_sourceCategory=aws/cloudtrail | json \"sourceIPAddress\" as ip | count by ip | sort by _count, ip | limit 20",
            "| json \"eventName\" as event | where event = \"ConsoleLogin\"",
            "| timeslice 1d | count by _timeslice | sort by _timeslice",
            "NOT \"us-east-1\" | json \"awsRegion\" nodrop | count by awsRegion | sort by awsRegion",
            "\"userIdentity\" \"AssumedRole\" | limit 50",
            "_sourceHost=web* OR env=prod | count",
            "ENV=DEV NOT _sourceHost=WEB-2 | json \"eventSource\" | count by eventSource | sort by eventSource",
            "\"\\\"eventVersion\\\":\\\"1.0?\\\"\" | count",
            "s3* \"amazonaws.com\" | json \"eventName\" nodrop | count_distinct(eventName)",
            "* | json \"eventName\" nodrop | where isNull(eventName) | count",
            "\"arn:aws:iam::*:role\" | count by _sourceName | sort by _sourceName");

    private static OpenSearchLogStore store;
    private static LogQueryEngine reference;
    private static LogQueryEngine opensearch;

    @BeforeAll
    static void load(OpenSearchNode node) throws IOException {
        List<LogMessage> messages = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        long fallback = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        int index = 0;
        for (String line : Files.readAllLines(EVENTS, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            long time = fallback + index;
            JsonNode event = mapper.readTree(line);
            try {
                time = Instant.parse(event.path("eventTime").asText()).toEpochMilli();
            } catch (RuntimeException noTime) {
                // keep the fallback
            }
            Map<String, String> fields = switch (index % 3) {
                case 0 -> Map.of("env", "prod");
                case 1 -> Map.of("Env", "dev", "team", "security");
                default -> Map.of();
            };
            messages.add(new LogMessage(line, time, time + 1_000, "aws/cloudtrail", "trail-" + (index % 4) + ".json",
                    index % 2 == 0 ? "web-1" : "WEB-2", "cloudtrail", "collector", fields));
            index++;
        }
        InMemoryLogStore memory = new InMemoryLogStore();
        memory.append(messages);
        store = OpenSearchLogStore.open(OpenSearchSettings.of(List.of(node.url())).withIndexPrefix("queries")
                .withRefreshInterval(Duration.ofMillis(50)));
        for (int from = 0; from < messages.size(); from += 100) {
            store.append(messages.subList(from, Math.min(messages.size(), from + 100)));
        }
        reference = new LogQueryEngine(memory);
        opensearch = new LogQueryEngine(store);
    }

    @AfterAll
    static void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyQueryAnswersAsOverTheReferenceStore() {
        int nonEmpty = 0;
        for (String query : QUERIES) {
            QueryResult expected = reference.execute(query, CONTEXT);
            QueryResult actual = opensearch.execute(query, CONTEXT);
            assertThat(actual.kind()).as(query).isEqualTo(expected.kind());
            assertThat(names(actual)).as(query).isEqualTo(names(expected));
            assertThat(actual.messageCount()).as(query).isEqualTo(expected.messageCount());
            assertThat(rows(actual)).as(query).isEqualTo(rows(expected));
            nonEmpty += expected.rows().isEmpty() ? 0 : 1;
        }
        assertThat(nonEmpty).as("queries with results").isGreaterThanOrEqualTo(QUERIES.size() - 2);
    }

    private static List<String> names(QueryResult result) {
        return result.fields().stream().map(ResultField::name).toList();
    }

    /** The rows as comparable lists, without the store-assigned {@code _messageid}. */
    private static List<List<Object>> rows(QueryResult result) {
        List<String> names = names(result);
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : result.rows()) {
            List<Object> values = new ArrayList<>(Arrays.asList(row));
            for (int column = names.size() - 1; column >= 0; column--) {
                if (names.get(column).equalsIgnoreCase("_messageid") && column < values.size()) {
                    values.remove(column);
                }
            }
            rows.add(values);
        }
        return rows;
    }
}
