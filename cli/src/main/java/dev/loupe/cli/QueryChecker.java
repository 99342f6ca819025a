package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.metrics.MetricsQueryEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The logic of {@code loupe check}: for each input line {@code {"queryType":"logs"|"metrics","query":"..."}},
 * runs the log or metrics parser and analyzer (never the query) and answers {@code {"ok":true}} or
 * {@code {"ok":false,"error":"...","line":L,"col":C}}. It reports {@code ok:false} for anything Loupe cannot run
 * yet, and never fails on any input: one output line per input line, whatever it holds.
 */
final class QueryChecker {
    private final LogQueryEngine engine;
    private final MetricsQueryEngine metricsEngine;
    private final ObjectMapper mapper = new ObjectMapper();

    QueryChecker(LogQueryEngine engine, MetricsQueryEngine metricsEngine) {
        this.engine = engine;
        this.metricsEngine = metricsEngine;
    }

    /** Checks every line of {@code in}, writing one answer line per input line. Returns the number of ok lines. */
    long checkAll(BufferedReader in, PrintWriter out) throws IOException {
        long ok = 0;
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            ObjectNode answer = check(line);
            if (answer.path("ok").asBoolean()) {
                ok++;
            }
            out.println(answer);
            out.flush();
        }
        return ok;
    }

    /** The answer for one input line. */
    ObjectNode check(String inputLine) {
        JsonNode input;
        try {
            input = mapper.readTree(inputLine);
        } catch (IOException | RuntimeException notJson) {
            return failure("the input line is not valid JSON: " + firstLine(notJson.getMessage()), Optional.empty());
        }
        if (input == null || !input.isObject()) {
            return failure("each input line must be a JSON object like {\"queryType\":\"logs\",\"query\":\"...\"}", Optional.empty());
        }
        JsonNode query = input.get("query");
        if (query == null || !query.isTextual()) {
            return failure("the input object has no \"query\" string", Optional.empty());
        }
        String queryType = input.path("queryType").asText("logs");
        return switch (queryType.toLowerCase(java.util.Locale.ROOT)) {
            case "logs", "log" -> checkQuery(engine::check, query.asText());
            case "metrics", "metric" -> checkQuery(metricsEngine::check, query.asText());
            default -> failure("unknown queryType '" + queryType + "' (use \"logs\" or \"metrics\")", Optional.empty());
        };
    }

    private ObjectNode checkQuery(Consumer<String> checker, String query) {
        try {
            checker.accept(query);
            ObjectNode answer = mapper.createObjectNode();
            answer.put("ok", true);
            return answer;
        } catch (LoupeException e) {
            return failure(e.detail(), e.span());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // The checker must answer every line; an engine bug here is reported, not propagated.
            return failure("internal error while checking the query: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), Optional.empty());
        }
    }

    private ObjectNode failure(String error, Optional<SourceSpan> span) {
        ObjectNode answer = mapper.createObjectNode();
        answer.put("ok", false);
        answer.put("error", error);
        span.ifPresent(location -> {
            answer.put("line", location.line());
            answer.put("col", location.column());
        });
        return answer;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
