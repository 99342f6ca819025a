package dev.loupe.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LogMessage;
import dev.loupe.ingest.DecodedPayload;
import dev.loupe.ingest.IngestLimits;
import dev.loupe.ingest.RejectedLine;
import dev.loupe.ingest.SourceMetadata;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an OTLP {@code ExportLogsServiceRequest} (protobuf or OTLP/JSON) into log messages. Thread-safe and
 * stateless.
 *
 * <p>Each log record is one message:
 * <ul>
 *   <li>{@code _raw}: the body (a string as it is; other values as JSON text);
 *   <li>{@code _messagetime}: {@code timeUnixNano}, else {@code observedTimeUnixNano}, else the receipt time;
 *   <li>{@code _sourceCategory}, {@code _sourceName}, {@code _sourceHost}: the resource attributes of those names,
 *       else the request's metadata (the source's defaults);
 *   <li>fields: the request's custom fields, then the other resource attributes, then the record's attributes
 *       (a later one wins), plus {@code severity} (the severity text, else the severity number's name),
 *       {@code trace_id} and {@code span_id} (hex) when the record has them.
 * </ul>
 * Records with an empty body, or a body over {@link IngestLimits#maxMessageBytes()}, are rejected one by one,
 * numbered by their position in the request (1-based).
 */
public final class OtlpLogDecoder {
    private static final String CATEGORY = "_sourceCategory";
    private static final String NAME = "_sourceName";
    private static final String HOST = "_sourceHost";

    private final IngestLimits limits;

    public OtlpLogDecoder(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Decodes a whole request body.
     *
     * @param body the raw body; read to its end, not closed
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @param encoding protobuf or OTLP/JSON
     * @param metadata the request's defaults
     * @param receiptTimeMillis {@code _receipttime} of every message, the fallback {@code _messagetime}
     * @throws dev.loupe.core.LoupeException {@code INVALID_INPUT} when the body is not an
     *     {@code ExportLogsServiceRequest}, {@code INVALID_ENCODING}/{@code PAYLOAD_TOO_LARGE} from decompression;
     *     then nothing of the body is kept
     */
    public DecodedPayload decode(InputStream body, String contentEncoding, OtlpEncoding encoding,
            SourceMetadata metadata, long receiptTimeMillis) {
        requireNonNull(metadata, "metadata is null");
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        OtlpRequestReader.read(body, contentEncoding, limits.maxDecompressedBytes(), encoding, request,
                "ExportLogsServiceRequest");
        List<LogMessage> messages = new ArrayList<>();
        List<RejectedLine> rejected = new ArrayList<>();
        int recordNumber = 0;
        for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
            Map<String, String> resource = OtlpValues.attributes(resourceLogs.getResource().getAttributesList());
            String category = orDefault(resource.remove(CATEGORY), metadata.category());
            String name = orDefault(resource.remove(NAME), metadata.name());
            String host = orDefault(resource.remove(HOST), metadata.host());
            for (ScopeLogs scopeLogs : resourceLogs.getScopeLogsList()) {
                for (LogRecord record : scopeLogs.getLogRecordsList()) {
                    recordNumber++;
                    String raw = OtlpValues.text(record.getBody());
                    if (raw.isEmpty()) {
                        rejected.add(new RejectedLine(recordNumber, "the log record has no body"));
                        continue;
                    }
                    if (raw.getBytes(StandardCharsets.UTF_8).length > limits.maxMessageBytes()) {
                        rejected.add(new RejectedLine(recordNumber, "the log record's body is longer than "
                                + limits.maxMessageBytes() + " bytes"));
                        continue;
                    }
                    Map<String, String> fields = new LinkedHashMap<>(metadata.fields());
                    fields.putAll(resource);
                    fields.putAll(OtlpValues.attributes(record.getAttributesList()));
                    recordFields(record, fields);
                    messages.add(new LogMessage(raw, messageTime(record, receiptTimeMillis), receiptTimeMillis,
                            category, name, host, metadata.source(), metadata.collector(), fields));
                }
            }
        }
        return new DecodedPayload(messages, rejected, List.of());
    }

    private static void recordFields(LogRecord record, Map<String, String> fields) {
        if (!record.getSeverityText().isEmpty()) {
            fields.put("severity", record.getSeverityText());
        } else if (record.getSeverityNumberValue() != 0) {
            fields.put("severity", record.getSeverityNumber().name().substring("SEVERITY_NUMBER_".length()));
        }
        if (!record.getTraceId().isEmpty()) {
            fields.put("trace_id", OtlpValues.hex(record.getTraceId()));
        }
        if (!record.getSpanId().isEmpty()) {
            fields.put("span_id", OtlpValues.hex(record.getSpanId()));
        }
    }

    private static long messageTime(LogRecord record, long receiptTimeMillis) {
        if (record.getTimeUnixNano() != 0) {
            return record.getTimeUnixNano() / 1_000_000;
        }
        if (record.getObservedTimeUnixNano() != 0) {
            return record.getObservedTimeUnixNano() / 1_000_000;
        }
        return receiptTimeMillis;
    }

    private static String orDefault(String attribute, String fallback) {
        return attribute == null || attribute.isBlank() ? fallback : attribute;
    }
}
