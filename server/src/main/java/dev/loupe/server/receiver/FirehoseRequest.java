package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import java.io.InputStream;

/**
 * One Kinesis Data Firehose HTTP endpoint delivery as the ingest logic sees it, without HTTP types. Header values
 * are null when absent.
 *
 * @param pathToken the token in the URL path, or null
 * @param accessKey {@code X-Amz-Firehose-Access-Key}, also accepted as the token
 * @param requestId {@code X-Amz-Firehose-Request-Id}
 * @param commonAttributes {@code X-Amz-Firehose-Common-Attributes}: {@code {"commonAttributes":{k:v}}}
 * @param contentEncoding {@code Content-Encoding} ({@code gzip} when the stream compresses)
 * @param contentLength the declared body length, or -1
 * @param clientAddress the caller's address, the default {@code _sourceHost}
 * @param body {@code {"requestId","timestamp","records":[{"data":base64}]}}
 */
public record FirehoseRequest(String pathToken, String accessKey, String requestId, String commonAttributes,
        String contentEncoding, long contentLength, String clientAddress, InputStream body) {
    public FirehoseRequest {
        requireNonNull(clientAddress, "clientAddress is null");
        requireNonNull(body, "body is null");
    }
}
