package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;

/**
 * HTTP in and out for the Kinesis Data Firehose HTTP endpoint (CloudWatch Metric Streams); the logic is in
 * {@link FirehoseReceiver}.
 *
 * <pre>
 * POST /receiver/v1/firehose/{token}       (the token may instead be the stream's access key)
 * X-Amz-Firehose-Request-Id: 8b1e...
 * X-Amz-Firehose-Access-Key: TOKEN
 * Content-Encoding: gzip                  (optional)
 * {"requestId":"8b1e...","timestamp":1578090901599,"records":[{"data":"eyJtZXRyaWNfc3RyZWFtX25hbWUiOi..."}]}
 * </pre>
 *
 * <p>Answers Firehose's format: 200 {@code {"requestId","timestamp"}}; on errors (rendered by the one exception
 * mapper) the status and {@code {"requestId","timestamp","errorMessage"}}. When lines inside the records were
 * rejected the 200 carries {@value ReceiverController#REJECTED_HEADER} with their number (the body stays
 * Firehose's, which has no place for them).
 */
public final class FirehoseController {
    /** The path prefix of the endpoint, which the exception mapper answers in Firehose's error format. */
    public static final String PATH = "/receiver/v1/firehose";
    /** Firehose's request id header, echoed in every answer. */
    public static final String REQUEST_ID_HEADER = "X-Amz-Firehose-Request-Id";

    private final FirehoseReceiver receiver;
    private final Clock clock;

    public FirehoseController(FirehoseReceiver receiver, Clock clock) {
        this.receiver = requireNonNull(receiver, "receiver is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** Firehose's success body. */
    public record FirehoseResponse(String requestId, long timestamp) {}

    /** Firehose's error body. */
    public record FirehoseErrorResponse(String requestId, long timestamp, String errorMessage) {}

    /** Declares the Firehose routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.post(PATH + "/{token}", context -> receive(context, context.pathParam("token")));
        routes.post(PATH, context -> receive(context, null));
    }

    private void receive(Context context, String pathToken) {
        FirehoseReceiver.Delivery delivery = receiver.receive(new FirehoseRequest(pathToken,
                context.header("X-Amz-Firehose-Access-Key"), context.header(REQUEST_ID_HEADER),
                context.header("X-Amz-Firehose-Common-Attributes"), context.header("Content-Encoding"),
                context.contentLength(), context.ip(), context.bodyInputStream()));
        if (!delivery.outcome().rejected().isEmpty()) {
            context.header(ReceiverController.REJECTED_HEADER, Integer.toString(delivery.outcome().rejected().size()));
        }
        context.status(200).json(new FirehoseResponse(delivery.requestId(), clock.millis()));
    }
}
