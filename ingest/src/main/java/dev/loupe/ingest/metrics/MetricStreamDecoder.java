package dev.loupe.ingest.metrics;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.DecodeReport;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes CloudWatch Metric Streams output in either of its formats, told apart by the first non-blank byte
 * ({@code &#123;} or {@code [} is JSON, anything else OpenTelemetry 1.0):
 *
 * <ul>
 *   <li>JSON: one record per line ({@code metric_stream_name, account_id, region, namespace, metric_name,
 *       dimensions, timestamp, value{max,min,sum,count}, unit}), or a JSON array of such records (as in test
 *       data and hand-made files). Bad lines are rejected one by one.
 *   <li>OpenTelemetry 1.0: length-delimited {@code ExportMetricsServiceRequest}s whose metrics are summaries
 *       named {@code amazonaws.com/<Namespace>/<MetricName>}, with attributes {@code Namespace},
 *       {@code MetricName}, {@code Dimensions} and quantiles 0 (min) and 1 (max); resource attributes
 *       {@code cloud.account.id} and {@code cloud.region}. Gauges and sums of other OpenTelemetry senders become
 *       one series each, named by the metric and tagged with the point's attributes.
 * </ul>
 *
 * <p>Every datapoint becomes the series of {@link CloudWatchDatapoint}. Not thread-safe: one {@link Batch} per
 * payload; the decoder itself is stateless.
 */
public final class MetricStreamDecoder {
    private final int maxLineBytes;

    /** @param maxLineBytes the longest JSON line; longer lines are rejected one by one */
    public MetricStreamDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /** A new batch collecting the samples of several records (a Firehose request) or one file. */
    public Batch newBatch(MetricContext context) {
        return new Batch(requireNonNull(context, "context is null"));
    }

    /** Collects samples and rejections over several inputs. Not thread-safe. */
    public final class Batch {
        private final MetricContext context;
        private final List<MetricSample> samples = new ArrayList<>();
        private final DecodeReport report = new DecodeReport();

        private Batch(MetricContext context) {
            this.context = context;
        }

        /**
         * Decodes one Firehose record; rejections are numbered by {@code recordNumber} and say which line of
         * the record.
         */
        public void addRecord(byte[] data, int recordNumber) {
            try {
                add(new ByteArrayInputStream(data), recordNumber);
            } catch (IOException impossible) {
                throw new LoupeException(ErrorCode.INTERNAL, "reading a byte array failed", impossible);
            }
        }

        /**
         * Decodes a whole stream (a file): rejections are numbered by line (JSON) or request (OpenTelemetry).
         *
         * @throws IOException when reading fails
         */
        public void addStream(InputStream input) throws IOException {
            add(input, 0);
        }

        private void add(InputStream input, int recordNumber) throws IOException {
            PushbackInputStream peekable = new PushbackInputStream(input, 1);
            int first = peekable.read();
            while (first == ' ' || first == '\t' || first == '\r' || first == '\n') {
                first = peekable.read();
            }
            if (first == -1) {
                return;
            }
            peekable.unread(first);
            if (first == '{' || first == '[') {
                MetricStreamJsonReader.read(peekable, first == '[', maxLineBytes, context, samples,
                        new NumberedReport(report, recordNumber));
            } else {
                MetricStreamOpenTelemetryReader.read(peekable, context, samples, new NumberedReport(report, recordNumber));
            }
        }

        /** The samples and rejections so far. */
        public DecodedMetrics result() {
            return new DecodedMetrics(samples, report.rejected(), report.warnings());
        }

        /** How many samples so far. */
        public int sampleCount() {
            return samples.size();
        }
    }

    /** Reports rejections by line, or, inside a Firehose record, by record with the line in the reason. */
    record NumberedReport(DecodeReport report, int recordNumber) {
        void reject(int lineNumber, String reason) {
            if (recordNumber == 0) {
                report.reject(lineNumber, reason);
            } else {
                report.reject(recordNumber, "record " + recordNumber + ", line " + lineNumber + ": " + reason);
            }
        }
    }
}
