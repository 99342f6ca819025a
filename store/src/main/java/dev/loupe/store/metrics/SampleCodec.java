package dev.loupe.store.metrics;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.metrics.MetricSample;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte form of samples in WAL records and of tag maps in the series registry: maps as a count and UTF-8
 * key/value pairs, then the timestamp and the value's raw bits. Stateless.
 */
final class SampleCodec {
    private SampleCodec() {}

    static byte[] encode(List<MetricSample> samples) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(samples.size() * 96);
        try (DataOutputStream output = new DataOutputStream(bytes)) {
            for (MetricSample sample : samples) {
                writeMap(output, sample.tags());
                writeMap(output, sample.metadata());
                output.writeLong(sample.timestampMillis());
                output.writeLong(Double.doubleToRawLongBits(sample.value()));
            }
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return bytes.toByteArray();
    }

    static List<MetricSample> decode(ByteBuffer buffer, int count, String location) {
        List<MetricSample> samples = new ArrayList<>(count);
        try {
            for (int index = 0; index < count; index++) {
                Map<String, String> tags = readMap(buffer);
                Map<String, String> metadata = readMap(buffer);
                long timestamp = buffer.getLong();
                double value = Double.longBitsToDouble(buffer.getLong());
                samples.add(new MetricSample(tags, metadata, timestamp, value));
            }
        } catch (BufferUnderflowException | IllegalArgumentException damaged) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "undecodable metric samples at " + location, damaged);
        }
        return samples;
    }

    static void writeMap(DataOutputStream output, Map<String, String> map) throws IOException {
        output.writeShort(map.size());
        for (Map.Entry<String, String> entry : map.entrySet()) {
            writeString(output, entry.getKey());
            writeString(output, entry.getValue());
        }
    }

    private static void writeString(DataOutputStream output, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        output.writeInt(utf8.length);
        output.write(utf8);
    }

    static Map<String, String> readMap(ByteBuffer buffer) {
        int size = buffer.getShort() & 0xFFFF;
        Map<String, String> map = new LinkedHashMap<>();
        for (int index = 0; index < size; index++) {
            map.put(readString(buffer), readString(buffer));
        }
        return map;
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("bad string length " + length);
        }
        byte[] utf8 = new byte[length];
        buffer.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
