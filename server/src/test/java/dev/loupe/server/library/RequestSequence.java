package dev.loupe.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.server.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays a client's request sequence kept as data ({@code *-sequence.json} beside this class): each step is
 * {@code method}, {@code path} (with {@code ${variable}}s), an optional {@code body} ({@code "@app"} for the real
 * API Gateway app JSON, else inline JSON), the expected {@code status}, {@code pollUntil} (repeat until
 * {@code /status} has this value), {@code capture} (variable → JSON pointer; {@code "afterColon:/pointer"} takes
 * the text after the one {@code :}, as Terraform does), {@code expect} (JSON pointer → value),
 * {@code expectBodyContains}, {@code expectChild} (an object among {@code /children} with these fields) and
 * {@code expectSameAs} ({@code "@app"}: the body equals the app JSON in meaning, ids and key order aside).
 */
final class RequestSequence {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z]+)}");

    private final RunningServer running;
    private final Map<String, String> variables = new HashMap<>();

    RequestSequence(RunningServer running) {
        this.running = running;
    }

    static JsonNode resource(String name) {
        try (InputStream stream = RequestSequence.class.getResourceAsStream(name)) {
            if (stream == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return MAPPER.readTree(stream);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** The real app JSON as shipped in the server's resources. */
    static JsonNode app() {
        return resource("/dev/loupe/server/library/apps/aws-api-gateway-app.json");
    }

    Map<String, String> variables() {
        return variables;
    }

    void replay(String sequenceName) {
        JsonNode steps = resource(sequenceName).path("steps");
        int number = 0;
        for (JsonNode step : steps) {
            number++;
            run("step " + number + " (" + step.path("method").asText() + " " + step.path("path").asText() + ")",
                    step);
        }
    }

    private void run(String label, JsonNode step) {
        HttpResponse<String> response = send(step);
        for (int attempt = 0; step.has("pollUntil") && attempt < 200; attempt++) {
            String status = RunningServer.json(response).path("status").asText();
            if (status.equals(step.get("pollUntil").asText()) || status.equals("Failed")) {
                break;
            }
            sleep();
            response = send(step);
        }
        assertThat(response.statusCode()).as(label + ": " + response.body()).isEqualTo(step.path("status").asInt(200));
        if (step.has("pollUntil")) {
            assertThat(RunningServer.json(response).path("status").asText()).as(label + ": " + response.body())
                    .isEqualTo(step.get("pollUntil").asText());
        }
        if (step.has("expectBodyContains")) {
            assertThat(response.body()).as(label).contains(step.get("expectBodyContains").asText());
        }
        if (response.body().isEmpty()) {
            return;
        }
        JsonNode body = RunningServer.json(response);
        step.path("capture").properties().forEach(capture -> variables.put(capture.getKey(),
                capture(body, capture.getValue().asText(), label)));
        step.path("expect").properties().forEach(expectation -> assertThat(body.at(expectation.getKey()))
                .as(label + " " + expectation.getKey()).isEqualTo(expectation.getValue().isTextual()
                        ? TextNode.valueOf(substitute(expectation.getValue().asText())) : expectation.getValue()));
        if (step.has("expectChild")) {
            assertThat(body.path("children")).as(label).anySatisfy(child -> step.get("expectChild").properties()
                    .forEach(field -> assertThat(child.path(field.getKey())).isEqualTo(field.getValue())));
        }
        if (step.has("expectSameAs")) {
            assertThat(JsonMeaning.withoutIds(body)).as(label).isEqualTo(JsonMeaning.withoutIds(app()));
        }
    }

    private static String capture(JsonNode body, String expression, String label) {
        if (expression.startsWith("afterColon:")) {
            String text = body.at(expression.substring("afterColon:".length())).asText();
            String[] parts = text.split(":");
            assertThat(parts).as(label + ": exactly one ':' in " + text).hasSize(2);
            return parts[1];
        }
        JsonNode value = body.at(expression);
        assertThat(value.isMissingNode()).as(label + ": " + expression + " in " + body).isFalse();
        return value.asText();
    }

    private HttpResponse<String> send(JsonNode step) {
        HttpRequest.Builder request = running.api(substitute(step.path("path").asText()));
        step.path("headers").properties().forEach(header -> request.header(header.getKey(),
                header.getValue().asText()));
        String body = step.has("body") ? step.get("body").isTextual() && step.get("body").asText().equals("@app")
                ? app().toString() : substitute(step.get("body").toString()) : null;
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return running.send(request.method(step.path("method").asText(), publisher).build());
    }

    private String substitute(String text) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = variables.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("variable " + matcher.group(1) + " is not captured yet");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }
}
