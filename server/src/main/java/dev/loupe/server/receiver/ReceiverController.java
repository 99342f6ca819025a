package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.ingest.metrics.MetricFormat;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * HTTP in and out for the HTTP Source receiver; the logic is in {@link LogReceiver} for logs and
 * {@link MetricReceiver} for metrics, chosen by {@code Content-Type} ({@link MetricFormat#ofContentType}).
 *
 * <pre>
 * curl -X POST --data-binary @app.log http://127.0.0.1:8080/receiver/v1/http/TOKEN
 * curl -X POST -H 'X-Sumo-Token: TOKEN' -H 'Content-Encoding: gzip' --data-binary @app.log.gz \
 *     http://127.0.0.1:8080/receiver/v1/http
 * curl -X POST -H 'Content-Type: application/vnd.sumologic.carbon2' \
 *     --data-binary 'metric=cpu node=lb-1  team=infra 87.2 1501753030' http://127.0.0.1:8080/receiver/v1/http/TOKEN
 * </pre>
 *
 * <p>Replies 200 with an empty body when everything was kept. When lines were rejected or altered it still
 * replies 200 (clients drop or duplicate batches on other codes) with a JSON {@link IngestOutcome} body and an
 * {@value #REJECTED_HEADER} header holding the number of rejected lines.
 */
public final class ReceiverController {
    /** The response header with the number of rejected lines, present whenever the reply has a body. */
    public static final String REJECTED_HEADER = "X-Loupe-Rejected";
    private static final String ALLOWED_HEADERS = "Content-Type, Content-Encoding, X-Sumo-Token, X-Sumo-Category, "
            + "X-Sumo-Name, X-Sumo-Host, X-Sumo-Fields, X-Sumo-Client, X-Sumo-Dimensions, X-Sumo-Metadata";

    private final LogReceiver receiver;
    private final MetricReceiver metricReceiver;

    public ReceiverController(LogReceiver receiver, MetricReceiver metricReceiver) {
        this.receiver = requireNonNull(receiver, "receiver is null");
        this.metricReceiver = requireNonNull(metricReceiver, "metricReceiver is null");
    }

    /** Declares the receiver routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.before("/receiver/*", ReceiverController::allowCrossOrigin);
        routes.post("/receiver/v1/http/{token}", this::postWithPathToken);
        routes.post("/receiver/v1/http", this::postWithHeaderToken);
        routes.get("/receiver/v1/http/{token}", this::legacyGetUpload);
        routes.options("/receiver/v1/http/{token}", ReceiverController::preflight);
        routes.options("/receiver/v1/http", ReceiverController::preflight);
    }

    private void postWithPathToken(Context context) {
        reply(context, receive(request(context, context.pathParam("token"))));
    }

    private void postWithHeaderToken(Context context) {
        reply(context, receive(request(context, context.header("X-Sumo-Token"))));
    }

    /** Logs or metrics, as the {@code Content-Type} says (Sumo's rule: only the three metric media types are metrics). */
    private IngestOutcome receive(ReceiverRequest request) {
        Optional<MetricFormat> metricFormat = MetricFormat.ofContentType(request.contentType());
        return metricFormat.isPresent() ? metricReceiver.receive(request, metricFormat.get()) : receiver.receive(request);
    }

    private void legacyGetUpload(Context context) {
        String query = context.queryString();
        byte[] payload = query == null ? new byte[0]
                : URLDecoder.decode(query, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        ReceiverRequest request = new ReceiverRequest(context.pathParam("token"), null, null, payload.length,
                context.header("X-Sumo-Category"), context.header("X-Sumo-Name"), context.header("X-Sumo-Host"),
                context.header("X-Sumo-Fields"), null, null, context.ip(), new ByteArrayInputStream(payload));
        reply(context, receiver.receive(request));
    }

    private static ReceiverRequest request(Context context, String token) {
        return new ReceiverRequest(token, context.header("Content-Type"), context.header("Content-Encoding"),
                context.contentLength(), context.header("X-Sumo-Category"), context.header("X-Sumo-Name"),
                context.header("X-Sumo-Host"), context.header("X-Sumo-Fields"), context.header("X-Sumo-Dimensions"),
                context.header("X-Sumo-Metadata"), context.ip(), context.bodyInputStream());
    }

    static void reply(Context context, IngestOutcome outcome) {
        context.status(200);
        if (!outcome.clean()) {
            context.header(REJECTED_HEADER, Integer.toString(outcome.rejected().size()));
            context.json(outcome);
        }
    }

    static void allowCrossOrigin(Context context) {
        String origin = context.header("Origin");
        context.header("Access-Control-Allow-Origin", origin == null ? "*" : origin);
        context.header("Access-Control-Expose-Headers", REJECTED_HEADER);
        if (origin != null) {
            context.header("Vary", "Origin");
        }
    }

    private static void preflight(Context context) {
        context.header("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
        String requested = context.header("Access-Control-Request-Headers");
        context.header("Access-Control-Allow-Headers", requested == null ? ALLOWED_HEADERS : requested);
        context.header("Access-Control-Max-Age", "86400");
        context.status(204);
    }
}
