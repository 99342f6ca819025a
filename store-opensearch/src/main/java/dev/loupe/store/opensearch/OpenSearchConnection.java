package dev.loupe.store.opensearch;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP connection to an OpenSearch cluster: sends one REST request at a time per calling thread (the JDK client
 * multiplexes callers over pooled connections), starting at the next node in turn and moving on to the following
 * node when one cannot be reached. Thread-safe.
 *
 * <p>Error mapping, the one place that turns the cluster's answers into Loupe's error codes: no node reachable, a
 * 429 (rejected execution, circuit breakers) or a 502/503/504 is {@code OVERLOADED} (the server answers 503, clients
 * retry); a flood-stage or read-only block is {@code STORAGE_FULL}; any other failure is {@code STORAGE_FAILURE}
 * with the cluster's reason.
 */
final class OpenSearchConnection implements AutoCloseable {
    static final String JSON = "application/json";
    static final String NDJSON = "application/x-ndjson";

    private final OpenSearchSettings settings;
    private final HttpClient client;
    private final Optional<String> authorization;
    private final AtomicInteger nextNode = new AtomicInteger();

    OpenSearchConnection(OpenSearchSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.requestTimeout().compareTo(java.time.Duration.ofSeconds(5)) < 0
                        ? settings.requestTimeout() : java.time.Duration.ofSeconds(5));
        settings.sslContext().ifPresent(builder::sslContext);
        this.client = builder.build();
        this.authorization = settings.credentials().map(credentials -> "Basic " + Base64.getEncoder().encodeToString(
                (credentials.user() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * An answer of the cluster.
     *
     * @param status the HTTP status
     * @param body the response body (UTF-8 JSON)
     */
    record Response(int status, byte[] body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends a request to the first node that answers.
     *
     * @param method {@code GET}, {@code PUT}, {@code POST}, {@code DELETE} or {@code HEAD}
     * @param path the path and query, starting with {@code /}
     * @param body the body, or null for none
     * @param contentType the body's content type ({@link #JSON} or {@link #NDJSON})
     * @return the answer, whatever its status
     * @throws LoupeException {@code OVERLOADED} when no node can be reached
     */
    Response send(String method, String path, byte[] body, String contentType) {
        List<URI> urls = settings.urls();
        int first = Math.floorMod(nextNode.getAndIncrement(), urls.size());
        IOException lastFailure = null;
        for (int attempt = 0; attempt < urls.size(); attempt++) {
            URI base = urls.get((first + attempt) % urls.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(settings.requestTimeout())
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            if (body != null) {
                request.header("Content-Type", contentType);
            }
            authorization.ifPresent(value -> request.header("Authorization", value));
            try {
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(response.statusCode(), response.body());
            } catch (IOException failure) {
                lastFailure = failure;
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new LoupeException(ErrorCode.OVERLOADED, "interrupted while waiting for OpenSearch", interrupted);
            }
        }
        throw new LoupeException(ErrorCode.OVERLOADED, "no OpenSearch node answers (" + urls + "): "
                + (lastFailure == null ? "" : lastFailure.getClass().getSimpleName() + " " + lastFailure.getMessage()), lastFailure);
    }

    /** As {@link #send}, but a status other than 2xx fails with the mapped error naming {@code what}. */
    Response expectSuccess(String what, String method, String path, byte[] body, String contentType) {
        Response response = send(method, path, body, contentType);
        if (!response.isSuccess()) {
            throw failure(what, response.status(), response.text());
        }
        return response;
    }

    /** The Loupe error for a failed request or bulk item, from its status and reason (see the class doc). */
    static LoupeException failure(String what, int status, String reason) {
        String shortReason = reason.length() > 600 ? reason.substring(0, 600) + "..." : reason;
        if (reason.contains("FORBIDDEN/12/index read-only") || reason.contains("flood stage")
                || reason.contains("read_only_allow_delete")) {
            return new LoupeException(ErrorCode.STORAGE_FULL, what + ": the OpenSearch cluster is out of disk space ("
                    + shortReason + ")");
        }
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            return new LoupeException(ErrorCode.OVERLOADED, what + ": OpenSearch is overloaded or unavailable (" + status
                    + " " + shortReason + ")");
        }
        return new LoupeException(ErrorCode.STORAGE_FAILURE, what + ": OpenSearch answered " + status + " " + shortReason);
    }

    @Override
    public void close() {
        client.close();
    }
}
