package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.lookup.LookupCatalog;
import dev.loupe.query.metrics.MetricsQueryEngine;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code loupe check}: one honest answer line per input line, whatever the input. */
class CheckCommandTest {
    private final ObjectMapper mapper = new ObjectMapper();
    private final QueryChecker checker = new QueryChecker(new LogQueryEngine(new NoStorage(), LookupCatalog.virtualTableSchemas()),
            new MetricsQueryEngine(new NoMetricStorage()));

    @Test
    void validQueryIsOk() {
        assertThat(checker.check("{\"queryType\":\"logs\",\"query\":\"json \\\"eventName\\\" | count by eventName | sort by _count\"}")
                .toString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void syntaxErrorHasLineAndColumn() {
        JsonNode answer = checker.check("{\"queryType\":\"logs\",\"query\":\"error\\n| jsn \\\"a\\\"\"}");
        assertThat(answer.get("ok").asBoolean()).isFalse();
        assertThat(answer.get("error").asText()).contains("jsn").contains("json");
        assertThat(answer.get("line").asInt()).isEqualTo(2);
        assertThat(answer.get("col").asInt()).isEqualTo(3);
    }

    @Test
    void metricsLines_checkedByTheMetricsEngine() {
        assertThat(checker.check("{\"queryType\":\"metrics\",\"query\":\"metric=Count | sum\"}").toString())
                .isEqualTo("{\"ok\":true}");
        assertThat(checker.check("{\"queryType\":\"metrics\",\"query\":\"Namespace=aws/apigateway metric=Latency "
                + "statistic=Average | avg by apiname\"}").get("ok").asBoolean()).isTrue();
        JsonNode bad = checker.check("{\"queryType\":\"metrics\",\"query\":\"metric=Count | summ by apiname\"}");
        assertThat(bad.get("ok").asBoolean()).isFalse();
        assertThat(bad.get("error").asText()).isNotEmpty();
        assertThat(bad.get("line").asInt()).isEqualTo(1);
        JsonNode unsubstituted = checker.check("{\"queryType\":\"metrics\",\"query\":\"metric=Count apiname={{apiname}} | sum\"}");
        assertThat(unsubstituted.get("ok").asBoolean()).isFalse();
    }

    @Test
    void unsupportedThingsAreNotOk() {
        assertThat(checker.check("{\"queryType\":\"logs\",\"query\":\"_sourceCategory={{cat}} | count\"}").get("ok").asBoolean())
                .isFalse();
        assertThat(checker.check("{\"queryType\":\"traces\",\"query\":\"x\"}").get("error").asText()).contains("traces");
    }

    /** The app's lookups name built-in tables whose columns check knows, with or without their data loaded. */
    @Test
    void lookupsOfBuiltInTablesCheck() {
        assertThat(checker.check("{\"query\":\"| parse \\\"ip=*,\\\" as ip | lookup latitude, longitude from geo://location on ip=ip\"}")
                .toString()).isEqualTo("{\"ok\":true}");
        assertThat(checker.check("{\"query\":\"| lookup nope from geo://location on ip=ip\"}").get("ok").asBoolean()).isFalse();
    }

    @Test
    void badInputLinesGetAnAnswerEach() throws Exception {
        String input = String.join("\n", List.of("not json", "[1,2]", "{\"query\":42}", "{}", "", "{\"query\":\"| count\"}")) + "\n";
        StringWriter output = new StringWriter();
        long ok = checker.checkAll(new BufferedReader(new StringReader(input)), new PrintWriter(output));
        List<String> lines = output.toString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(ok).isEqualTo(1);
        for (String line : lines.subList(0, 4)) {
            assertThat(mapper.readTree(line).get("ok").asBoolean()).isFalse();
        }
    }

    @Test
    void neverThrowsOnRandomQueries() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String alphabet = "ab \"|()*=!/\\%{}[]<>,.:;-+_0123456789\n\t'json parse where count by sort limit fields as nodrop";
        for (int attempt = 0; attempt < 2_000; attempt++) {
            StringBuilder query = new StringBuilder();
            int length = random.nextInt(60);
            for (int index = 0; index < length; index++) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String line = mapper.createObjectNode().put("queryType", "logs").put("query", query.toString()).toString();
            JsonNode answer = checker.check(line);
            assertThat(answer.has("ok")).as("seed %d, query %s", seed, query).isTrue();
            if (!answer.get("ok").asBoolean()) {
                assertThat(answer.get("error").asText()).as("seed %d, query %s", seed, query)
                        .doesNotContain("internal error").doesNotContain("Exception");
            }
        }
    }
}
