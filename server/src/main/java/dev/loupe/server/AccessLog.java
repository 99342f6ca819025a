package dev.loupe.server;

import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line per request on the logger {@code dev.loupe.server.access}: method, path, status,
 * duration and bytes read and written, as key-value pairs the JSON encoder writes as fields. Installed as
 * Jetty's {@link RequestLog}, so it runs once the response is complete and the byte counts are final.
 *
 * <p>Never logs secrets: the receiver token in the path is replaced by {@value #REDACTED}, the query string
 * (which carries the payload of legacy GET uploads) and all headers are left out.
 */
public final class AccessLog implements RequestLog {
    /** The logger name, for configuration and tests. */
    public static final String LOGGER_NAME = "dev.loupe.server.access";
    /** What replaces a secret in a logged path. */
    public static final String REDACTED = "REDACTED";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);
    private static final Pattern RECEIVER_TOKEN = Pattern.compile("^(/receiver/v1/(?:http|otlp)/)[^/]+");

    /** The path with any receiver token replaced by {@value #REDACTED}. */
    public static String redactPath(String path) {
        return RECEIVER_TOKEN.matcher(path).replaceFirst("$1" + REDACTED);
    }

    @Override
    public void log(Request request, Response response) {
        String path = request.getHttpURI().getPath();
        LOG.atInfo()
                .addKeyValue("method", request.getMethod())
                .addKeyValue("path", path == null ? "" : redactPath(path))
                .addKeyValue("status", response.getStatus())
                .addKeyValue("durationMillis", NanoTime.millisSince(request.getBeginNanoTime()))
                .addKeyValue("requestBytes", Request.getContentBytesRead(request))
                .addKeyValue("responseBytes", Response.getContentBytesWritten(response))
                .log("request");
    }
}
