package dev.loupe.ingest.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.ingest.LineReader;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads CloudWatch Metric Streams JSON records; see {@link MetricStreamDecoder}. Stateless. */
final class MetricStreamJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetricStreamJsonReader() {}

    static void read(InputStream input, boolean array, int maxLineBytes, MetricContext context,
            List<MetricSample> samples, MetricStreamDecoder.NumberedReport report) throws IOException {
        if (array) {
            readArray(input, context, samples, report);
            return;
        }
        LineReader lines = new LineReader(maxLineBytes, report.report(), (line, lineNumber) -> {
            try {
                record(MAPPER.readTree(line), context, samples);
            } catch (JsonProcessingException invalid) {
                report.reject(lineNumber, "not a JSON object: " + invalid.getOriginalMessage());
            } catch (MalformedLineException malformed) {
                report.reject(lineNumber, malformed.getMessage());
            }
        });
        lines.read(input);
    }

    /* An array is one document: a syntax error loses the framing, so the rest of it is rejected as one. */
    private static void readArray(InputStream input, MetricContext context, List<MetricSample> samples,
            MetricStreamDecoder.NumberedReport report) throws IOException {
        try (JsonParser parser = MAPPER.createParser(input)) {
            parser.nextToken();
            int line = 1;
            try {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = parser.readValueAsTree();
                    try {
                        record(node, context, samples);
                    } catch (MalformedLineException malformed) {
                        report.reject(line, malformed.getMessage());
                    }
                }
                if (parser.currentToken() != JsonToken.END_ARRAY) {
                    report.reject(parser.currentTokenLocation().getLineNr(),
                            "array element is not a JSON object: " + parser.currentToken());
                }
            } catch (JsonProcessingException invalid) {
                report.reject(invalid.getLocation() == null ? line : invalid.getLocation().getLineNr(),
                        "invalid JSON, the rest of the array is skipped: " + invalid.getOriginalMessage());
            }
        }
    }

    private static void record(JsonNode node, MetricContext context, List<MetricSample> samples)
            throws MalformedLineException {
        if (node == null || !node.isObject()) {
            throw new MalformedLineException("a metric stream record is a JSON object");
        }
        String namespace = requiredText(node, "namespace");
        String metricName = requiredText(node, "metric_name");
        JsonNode value = node.get("value");
        if (value == null || !value.isObject()) {
            throw new MalformedLineException("record of " + namespace + " " + metricName + " has no value");
        }
        long timestamp = context.receiptTimeMillis();
        JsonNode timestampNode = node.get("timestamp");
        if (timestampNode != null && !timestampNode.isNull()) {
            if (!timestampNode.isNumber()) {
                throw new MalformedLineException("timestamp is not a number: " + timestampNode);
            }
            timestamp = MetricNumbers.timestampMillis(timestampNode.asText());
        }
        String problem = context.timestampProblem(timestamp);
        if (problem != null) {
            throw new MalformedLineException(problem);
        }
        Map<String, String> dimensions = new LinkedHashMap<>();
        JsonNode dimensionsNode = node.get("dimensions");
        if (dimensionsNode != null && dimensionsNode.isObject()) {
            for (Map.Entry<String, JsonNode> dimension : dimensionsNode.properties()) {
                dimensions.put(dimension.getKey(), dimension.getValue().asText());
            }
        }
        CloudWatchDatapoint datapoint = new CloudWatchDatapoint(namespace, metricName, text(node, "account_id"),
                text(node, "region"), dimensions, timestamp, number(value, "min"), number(value, "max"),
                requiredNumber(value, "sum"), requiredNumber(value, "count"), text(node, "unit"));
        datapoint.addSamples(context, samples);
    }

    private static String requiredText(JsonNode node, String key) throws MalformedLineException {
        String text = text(node, key);
        if (text.isEmpty()) {
            throw new MalformedLineException("record has no " + key);
        }
        return text;
    }

    private static String text(JsonNode node, String key) {
        JsonNode child = node.get(key);
        return child == null || child.isNull() ? "" : child.asText();
    }

    private static double number(JsonNode value, String key) throws MalformedLineException {
        JsonNode child = value.get(key);
        if (child == null || child.isNull()) {
            return Double.NaN;
        }
        if (!child.isNumber()) {
            throw new MalformedLineException("value." + key + " is not a number: " + child);
        }
        return child.asDouble();
    }

    private static double requiredNumber(JsonNode value, String key) throws MalformedLineException {
        double number = number(value, key);
        if (Double.isNaN(number)) {
            throw new MalformedLineException("value has no " + key);
        }
        return number;
    }
}
