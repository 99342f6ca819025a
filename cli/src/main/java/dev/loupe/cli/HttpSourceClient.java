package dev.loupe.cli;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Posts lines to one HTTP Source ({@code /receiver/v1/http/{token}}) as Sumo's clients do: gzip-compressed, one
 * message or metric point per line, metadata in {@code X-Sumo-*} headers. A 429 (the server's back-pressure) is
 * retried after its {@code Retry-After} second, up to 30 times; any other answer but 200 fails. Thread-safe.
 */
final class HttpSourceClient {
    private static final int RETRIES = 30;

    private final URI receiver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** @param server the server's base URL; {@code token} the last part of the source's URL */
    HttpSourceClient(URI server, String token) {
        this.receiver = requireNonNull(server, "server is null").resolve("/receiver/v1/http/" + requireNonNull(token, "token is null"));
    }

    /**
     * Posts {@code lines} (line breaks inside a line become spaces) with {@code headers}.
     *
     * @param contentType {@code text/plain; charset=UTF-8} for logs, {@code application/vnd.sumologic.carbon2} and
     *     the like for metrics
     * @return the body of the 200 answer (for metrics, the JSON list of rejected lines, or empty)
     * @throws LoupeException when the server answers something else
     * @throws UncheckedIOException when the server cannot be reached
     */
    String post(List<String> lines, String contentType, Map<String, String> headers) {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(body)) {
                for (String line : lines) {
                    gzip.write(line.replace('\n', ' ').getBytes(StandardCharsets.UTF_8));
                    gzip.write('\n');
                }
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(receiver).timeout(Duration.ofMinutes(1))
                    .header("Content-Encoding", "gzip").header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
            headers.forEach(request::header);
            for (int attempt = 0; ; attempt++) {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                if (response.statusCode() != 429 || attempt == RETRIES) {
                    throw new LoupeException(ErrorCode.INVALID_INPUT, "the server answered " + response.statusCode()
                            + " to " + lines.size() + " lines: " + response.body());
                }
                Thread.sleep(1_000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send to " + receiver.resolve("/") + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LoupeException(ErrorCode.INTERNAL, "interrupted while sending to the server");
        }
    }
}
