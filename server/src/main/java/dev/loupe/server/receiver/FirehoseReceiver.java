package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.CompressedBody;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.LimitedInputStream;
import dev.loupe.ingest.SourceMetadata;
import dev.loupe.ingest.metrics.DecodedMetrics;
import dev.loupe.ingest.metrics.MetricContext;
import dev.loupe.ingest.metrics.MetricStreamDecoder;
import dev.loupe.server.ApiException;
import dev.loupe.server.JsonBodyErrors;
import dev.loupe.store.spi.metrics.MetricStore;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest logic of the Kinesis Data Firehose HTTP endpoint for CloudWatch Metric Streams, free of HTTP.
 * Thread-safe.
 *
 * <p>A delivery is {@code {"requestId","timestamp","records":[{"data":base64}]}}, optionally gzipped. Each record
 * holds Metric Streams JSON lines or length-delimited OpenTelemetry 1.0 requests ({@link MetricStreamDecoder}
 * tells them apart). Every record is decoded before anything is stored, so a malformed delivery (bad JSON, bad
 * base64) stores nothing and Firehose retries it whole; bad lines inside good records are rejected one by one.
 * The points are appended durably before the caller answers 200.
 *
 * <p>Metadata: the source's category and name, {@code _sourceHost} the client address, and the stream's common
 * attributes ({@code X-Amz-Firehose-Common-Attributes}, set on the delivery stream) as metadata.
 */
public final class FirehoseReceiver {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REQUEST_BODY = "the Firehose request body";

    private final HttpSourceRegistry sources;
    private final MetricStreamDecoder decoder;
    private final MetricStore store;
    private final Clock clock;
    private final IngestLimits limits;
    private final long maxBodyBytes;
    private final AppendGate gate;

    /** @param gate bounds the requests in flight for {@code store} (shared with the metric receiver); past it, 429 */
    public FirehoseReceiver(HttpSourceRegistry sources, MetricStore store, Clock clock, IngestLimits limits,
            long maxBodyBytes, AppendGate gate) {
        this.sources = requireNonNull(sources, "sources is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.decoder = new MetricStreamDecoder(limits.maxMessageBytes());
        this.maxBodyBytes = maxBodyBytes;
        this.gate = requireNonNull(gate, "gate is null");
    }

    /**
     * Ingests one delivery.
     *
     * @return the outcome, and the request id to echo ({@code X-Amz-Firehose-Request-Id}, else the body's)
     * @throws ApiException 401 when neither the path token nor the access key names a source, 400 for a body that
     *     is not a Firehose delivery or a record that is not base64, 413 past the size limit
     * @throws dev.loupe.core.LoupeException from decompression or the store; then nothing is stored
     */
    public Delivery receive(FirehoseRequest request) {
        HttpSource source = authenticate(request);
        try (AppendGate.Permit permit = gate.enter()) {
            return receive(request, source);
        }
    }

    private HttpSource authenticate(FirehoseRequest request) {
        return sources.findByToken(request.pathToken())
                .or(() -> sources.findByToken(request.accessKey()))
                .orElseThrow(() -> new ApiException(ErrorCode.UNAUTHORIZED, 401, "unauthorized",
                        "unknown or missing token: put the HTTP source token in the URL or in the Firehose access key"));
    }

    private Delivery receive(FirehoseRequest request, HttpSource source) {
        if (request.contentLength() > maxBodyBytes) {
            throw LimitedInputStream.tooLarge(REQUEST_BODY, maxBodyBytes);
        }
        JsonNode[] delivery = new JsonNode[1];
        CompressedBody.read(new LimitedInputStream(request.body(), maxBodyBytes, REQUEST_BODY), request.contentEncoding(),
                limits.maxDecompressedBytes(), decompressed -> {
                    try {
                        delivery[0] = MAPPER.readTree(decompressed);
                    } catch (JsonProcessingException invalid) {
                        throw invalidBody("the body is not JSON: " + JsonBodyErrors.describe(invalid));
                    }
                });
        JsonNode body = delivery[0];
        if (body == null || !body.isObject()) {
            throw invalidBody("the body is not a Firehose delivery {\"requestId\",\"timestamp\",\"records\"}");
        }
        String requestId = request.requestId() != null ? request.requestId() : body.path("requestId").asText("");
        JsonNode records = body.get("records");
        if (records == null || !records.isArray()) {
            throw invalidBody("the delivery has no \"records\" array");
        }
        SourceMetadata metadata = new SourceMetadata(source.category(), source.name(), source.host() == null ? request.clientAddress() : source.host(),
                source.name(), LogReceiver.COLLECTOR, commonAttributes(request.commonAttributes()));
        MetricContext context = MetricContext.of(metadata, Map.of(), Map.of(), clock.millis(), MetricContext.HTTP_SKEW);
        MetricStreamDecoder.Batch batch = decoder.newBatch(context);
        Base64.Decoder base64 = Base64.getMimeDecoder();
        int recordNumber = 0;
        for (JsonNode record : records) {
            recordNumber++;
            JsonNode data = record.get("data");
            if (data == null || !data.isTextual()) {
                throw invalidBody("record " + recordNumber + " has no \"data\" string");
            }
            byte[] bytes;
            try {
                bytes = base64.decode(data.asText());
            } catch (IllegalArgumentException notBase64) {
                throw invalidBody("record " + recordNumber + ": data is not valid base64: " + notBase64.getMessage());
            }
            batch.addRecord(bytes, recordNumber);
        }
        DecodedMetrics decoded = batch.result();
        if (!decoded.samples().isEmpty()) {
            store.append(decoded.samples());
        }
        return new Delivery(requestId, MetricReceiver.outcome(decoded));
    }

    /**
     * What a delivery came to.
     *
     * @param requestId the id to echo in the response
     * @param outcome points accepted and lines rejected
     */
    public record Delivery(String requestId, IngestOutcome outcome) {}

    private static Map<String, String> commonAttributes(String header) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        JsonNode attributes;
        try {
            attributes = MAPPER.readTree(header).path("commonAttributes");
        } catch (JsonProcessingException invalid) {
            throw invalidBody("X-Amz-Firehose-Common-Attributes is not JSON: " + JsonBodyErrors.describe(invalid));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> attribute : attributes.properties()) {
            map.put(attribute.getKey(), attribute.getValue().asText());
        }
        return map;
    }

    private static ApiException invalidBody(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, "firehose.invalid.request", message);
    }
}
