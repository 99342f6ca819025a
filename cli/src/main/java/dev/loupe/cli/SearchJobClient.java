package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.FieldType;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Runs a query on a Loupe (or Sumo Logic) server through the Search Job API: create, poll, page the results,
 * delete. Used by {@code loupe query --server URL}.
 */
final class SearchJobClient {
    private static final int PAGE = 10_000;
    private static final Duration POLL = Duration.ofMillis(200);

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper mapper = new ObjectMapper();

    SearchJobClient(URI base, String accessId, String accessKey) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accessId + ":" + accessKey).getBytes(StandardCharsets.UTF_8));
    }

    QueryResult run(String query, long fromMillis, long toMillis, String timeZone, boolean byReceiptTime)
            throws IOException, InterruptedException {
        ObjectNode create = mapper.createObjectNode();
        create.put("query", query);
        create.put("from", fromMillis);
        create.put("to", toMillis);
        create.put("timeZone", timeZone);
        create.put("byReceiptTime", byReceiptTime);
        JsonNode created = send("POST", "/api/v1/search/jobs", create.toString());
        String id = created.path("id").asText();
        try {
            JsonNode status;
            do {
                Thread.sleep(POLL);
                status = send("GET", "/api/v1/search/jobs/" + id, null);
                JsonNode errors = status.path("pendingErrors");
                if (errors.isArray() && !errors.isEmpty()) {
                    throw new LoupeException(ErrorCode.QUERY_INVALID, errors.get(0).asText());
                }
            } while (!status.path("state").asText().equals("DONE GATHERING RESULTS")
                    && !status.path("state").asText().equals("CANCELLED"));
            boolean records = isAggregate(id);
            return records ? page(id, "records", QueryResult.Kind.RECORDS, status) : page(id, "messages", QueryResult.Kind.MESSAGES, status);
        } finally {
            send("DELETE", "/api/v1/search/jobs/" + id, null);
        }
    }

    /** Only aggregate queries have records: the server answers 400 on /records otherwise. */
    private boolean isAggregate(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange("GET", "/api/v1/search/jobs/" + id + "/records?offset=0&limit=1", null);
        return response.statusCode() == 200;
    }

    private QueryResult page(String id, String kind, QueryResult.Kind resultKind, JsonNode status)
            throws IOException, InterruptedException {
        List<ResultField> fields = null;
        List<Object[]> rows = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = send("GET", "/api/v1/search/jobs/" + id + "/" + kind + "?offset=" + offset + "&limit=" + PAGE, null);
            if (fields == null) {
                fields = new ArrayList<>();
                for (JsonNode field : page.path("fields")) {
                    fields.add(new ResultField(field.path("name").asText(), fieldType(field.path("fieldType").asText()),
                            field.path("keyField").asBoolean()));
                }
            }
            JsonNode items = page.path(kind);
            for (JsonNode item : items) {
                Object[] row = new Object[fields.size()];
                for (int index = 0; index < fields.size(); index++) {
                    JsonNode value = item.path("map").get(fields.get(index).name());
                    row[index] = value == null || value.isNull() ? null : typed(fields.get(index).type(), value.asText());
                }
                rows.add(row);
            }
            offset += items.size();
            if (items.size() < PAGE) {
                break;
            }
        }
        return new QueryResult(resultKind, fields, rows, status.path("messageCount").asLong(), List.of());
    }

    private static FieldType fieldType(String apiName) {
        for (FieldType type : FieldType.values()) {
            if (type.apiName().equals(apiName.toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        return FieldType.STRING;
    }

    private static Object typed(FieldType type, String text) {
        try {
            return switch (type) {
                case LONG, INT -> Long.parseLong(text);
                case DOUBLE -> Double.parseDouble(text);
                case BOOLEAN -> Boolean.parseBoolean(text);
                case STRING -> text;
            };
        } catch (NumberFormatException notANumber) {
            return text;
        }
    }

    private JsonNode send(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(method, path, body);
        if (response.statusCode() / 100 != 2) {
            String message = response.body();
            try {
                JsonNode error = mapper.readTree(response.body());
                if (error.hasNonNull("message")) {
                    message = error.get("message").asText();
                }
            } catch (IOException notJson) {
                message = response.body();
            }
            throw new LoupeException(response.statusCode() == 401 ? ErrorCode.UNAUTHORIZED : ErrorCode.QUERY_INVALID,
                    "the server answered " + response.statusCode() + " to " + method + " " + path + ": " + message);
        }
        return response.body().isEmpty() ? mapper.createObjectNode() : mapper.readTree(response.body());
    }

    private HttpResponse<String> exchange(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
