package dev.loupe.store.opensearch;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Sends {@code _bulk} requests for the stores and decides what an answer means: every item acknowledged, items
 * rejected for load (sent again, the same actions with the same ids, for up to {@link #RETRY_MILLIS} ms with
 * growing pauses), or a failure. Stateless; thread-safe.
 */
final class BulkRequests {
    static final long RETRY_MILLIS = 10_000;

    private BulkRequests() {}

    /**
     * Sends one bulk body (action and document lines, each two lines long) with {@code refresh=wait_for}: returns
     * when the cluster has acknowledged every item and made it searchable.
     *
     * @param what what the request does, for error messages (e.g. {@code storing 12 log messages})
     * @throws LoupeException {@code OVERLOADED} when items were still rejected for load after {@link
     *     #RETRY_MILLIS} ms, else the mapped error of the first failed item ({@link OpenSearchConnection#failure})
     */
    static void send(OpenSearchConnection connection, ObjectMapper mapper, byte[] body, String what) {
        long deadline = System.currentTimeMillis() + RETRY_MILLIS;
        byte[] toSend = body;
        long pause = 50;
        while (true) {
            OpenSearchConnection.Response response = connection.expectSuccess(what, "POST", "/_bulk?refresh=wait_for",
                    toSend, OpenSearchConnection.NDJSON);
            Outcome outcome = Outcome.of(response, toSend, mapper, what);
            if (outcome.failure() == null) {
                return;
            }
            if (!outcome.retryable() || System.currentTimeMillis() + pause > deadline) {
                throw outcome.failure();
            }
            sleep(pause);
            pause = Math.min(1_000, pause * 2);
            toSend = outcome.retryBody();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LoupeException(ErrorCode.OVERLOADED, "interrupted while waiting to retry a bulk request", interrupted);
        }
    }

    /**
     * What came of a bulk request: success ({@code failure} null), or the first failure with whether every failed
     * item may be sent again and the body of those items.
     */
    private record Outcome(LoupeException failure, boolean retryable, byte[] retryBody) {
        static Outcome of(OpenSearchConnection.Response response, byte[] sent, ObjectMapper mapper, String what) {
            try {
                if (!hasErrors(response.body(), mapper)) {
                    return new Outcome(null, false, null);
                }
                JsonNode items = mapper.readTree(response.body()).path("items");
                String[] lines = new String(sent, StandardCharsets.UTF_8).split("\n");
                StringBuilder retry = new StringBuilder();
                LoupeException first = null;
                boolean retryable = true;
                for (int index = 0; index < items.size(); index++) {
                    JsonNode item = items.get(index).elements().next();
                    int status = item.path("status").asInt();
                    if (status >= 200 && status < 300) {
                        continue;
                    }
                    LoupeException failure = OpenSearchConnection.failure(what, status, item.path("error").toString());
                    if (first == null) {
                        first = failure;
                    }
                    retryable &= failure.errorCode() == ErrorCode.OVERLOADED;
                    retry.append(lines[2 * index]).append('\n').append(lines[2 * index + 1]).append('\n');
                }
                return new Outcome(first, retryable, retry.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException unreadable) {
                return new Outcome(new LoupeException(ErrorCode.STORAGE_FAILURE,
                        "OpenSearch sent an unreadable bulk response: " + unreadable.getMessage(), unreadable), false, null);
            }
        }

        /** Reads only up to the top-level {@code errors} flag (it comes second, after {@code took}). */
        private static boolean hasErrors(byte[] body, ObjectMapper mapper) throws IOException {
            try (JsonParser parser = mapper.getFactory().createParser(body)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not a JSON object");
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (name.equals("errors")) {
                        return value == JsonToken.VALUE_TRUE;
                    }
                    parser.skipChildren();
                }
                throw new IOException("no 'errors' flag");
            }
        }
    }
}
