package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.function.Function;

/**
 * HTTP in and out for the OTLP/HTTP source; the logic is in {@link OtlpReceiver}. The source URL is
 * {@code /receiver/v1/otlp/{token}}, to which exporters append the signal path:
 *
 * <pre>
 * POST /receiver/v1/otlp/TOKEN/v1/logs      ExportLogsServiceRequest
 * POST /receiver/v1/otlp/TOKEN/v1/metrics   ExportMetricsServiceRequest
 * Content-Type: application/x-protobuf     (or application/json for OTLP/JSON)
 * Content-Encoding: gzip                   (optional; deflate too)
 * </pre>
 *
 * <p>200 with the {@code Export*ServiceResponse} in the request's encoding once the data is durable. Traces
 * ({@code /v1/traces}) are answered 404 {@code otlp.traces.unsupported}: Loupe stores logs and metrics only.
 * Errors (401, 400, 413) are rendered by the one exception mapper as the receivers' flat JSON body.
 */
public final class OtlpController {
    /** The path prefix of the OTLP source; the token follows. */
    public static final String PATH = "/receiver/v1/otlp";

    private final OtlpReceiver receiver;

    public OtlpController(OtlpReceiver receiver) {
        this.receiver = requireNonNull(receiver, "receiver is null");
    }

    /** Declares the OTLP routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.post(PATH + "/{token}/v1/logs", context -> reply(context, receiver::receiveLogs));
        routes.post(PATH + "/{token}/v1/metrics", context -> reply(context, receiver::receiveMetrics));
        routes.post(PATH + "/{token}/v1/traces", OtlpController::traces);
    }

    private static void reply(Context context, Function<ReceiverRequest, OtlpReceiver.Reply> receive) {
        OtlpReceiver.Reply reply = receive.apply(new ReceiverRequest(context.pathParam("token"),
                context.header("Content-Type"), context.header("Content-Encoding"), context.contentLength(), null,
                null, null, context.header("X-Sumo-Fields"), null, null, context.ip(), context.bodyInputStream()));
        if (!reply.outcome().rejected().isEmpty()) {
            context.header(ReceiverController.REJECTED_HEADER, Integer.toString(reply.outcome().rejected().size()));
        }
        context.status(200).contentType(reply.encoding().contentType()).result(reply.body());
    }

    private static void traces(Context context) {
        throw new ApiException(ErrorCode.NOT_FOUND, 404, "otlp.traces.unsupported", "Loupe does not store traces; "
                + "this OTLP source takes logs (" + PATH + "/TOKEN/v1/logs) and metrics (" + PATH + "/TOKEN/v1/metrics)");
    }
}
