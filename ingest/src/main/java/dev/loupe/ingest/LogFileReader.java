package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a log file for {@code loupe ingest FILE...} and hands its messages over in batches, streaming: memory
 * stays bounded by one batch plus one message, whatever the file size.
 *
 * <p>The format is detected from the content, never from the file name:
 * <ul>
 *   <li>gzip (by its magic bytes) is decompressed first; the rest applies to the decompressed content.
 *   <li>{@link Shape#CLOUDTRAIL_RECORDS}: a JSON object whose first key is {@code Records} holding an array (a
 *       CloudTrail log file as delivered to S3): one message per record. Several such objects in a row are read
 *       in turn.
 *   <li>{@link Shape#JSON_ARRAY}: a top-level JSON array of objects (pretty-printed or not): one message per
 *       element.
 *   <li>{@link Shape#JSON_DOCUMENTS}: JSON objects spanning several lines (a pretty-printed object): one message
 *       per top-level object.
 *   <li>{@link Shape#LINES}: anything else, including NDJSON: one message per line, exactly as
 *       {@link LogPayloadDecoder} splits a request body (same limits, blank lines skipped, invalid UTF-8 kept with
 *       a warning).
 * </ul>
 * JSON messages are re-serialised compactly (one line, no whitespace), keeping keys in file order.
 *
 * <p>Errors: a JSON-shaped file that turns out to be invalid JSON, a corrupt gzip file, or an unreadable file
 * fails with a {@link LoupeException} ({@code INVALID_INPUT} or {@code INVALID_ENCODING}) naming the file and
 * position; batches handed over before the error stay handed over. In JSON-shaped files invalid UTF-8 is such an
 * error (only line-shaped files replace it). A JSON message longer than the limit is rejected like a long line,
 * numbered by the line where it starts.
 *
 * <p>Thread-safe: {@link #read} keeps its state on the stack, so one reader may serve several threads.
 */
public final class LogFileReader {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PEEK_BYTES = 64 * 1024;

    private final int maxMessageBytes;
    private final TimestampExtractor extractor = new TimestampExtractor();
    private final JsonFactory jsonFactory = new JsonFactory();

    /** How a file was read. */
    public enum Shape {
        /** One message per line: plain text or NDJSON. */
        LINES,
        /** A top-level JSON array: one message per element. */
        JSON_ARRAY,
        /** CloudTrail {@code {"Records":[...]}}: one message per record. */
        CLOUDTRAIL_RECORDS,
        /** Multi-line JSON objects: one message per top-level object. */
        JSON_DOCUMENTS
    }

    /**
     * What reading one file did.
     *
     * @param shape how the content was read
     * @param gzipped whether the file was gzip-compressed
     * @param messages messages handed to the consumer
     * @param rejectedCount lines or records not kept
     * @param rejected the first 1000 of them, with reasons
     * @param warningCount notes about kept but altered lines
     * @param warnings the first 1000 warnings (plus a line counting the rest)
     */
    public record Summary(Shape shape, boolean gzipped, long messages, long rejectedCount, List<RejectedLine> rejected,
            long warningCount, List<String> warnings) {
        public Summary {
            requireNonNull(shape, "shape is null");
            rejected = List.copyOf(rejected);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * @param maxMessageBytes the largest message kept, in UTF-8 bytes (as {@link IngestLimits#maxMessageBytes()})
     */
    public LogFileReader(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Reads {@code file} to its end.
     *
     * @param metadata what every message gets
     * @param receiptTimeMillis {@code _receipttime} of every message, and the fallback {@code _messagetime}
     * @param batchSize the most messages per batch; every batch but the last is full
     * @param batches receives each batch, in file order, on the calling thread; the list is unmodifiable and the
     *     consumer's to keep. Exceptions it throws abort the read and propagate.
     * @throws LoupeException as described in the class documentation
     */
    public Summary read(Path file, SourceMetadata metadata, long receiptTimeMillis, int batchSize,
            Consumer<List<LogMessage>> batches) {
        requireNonNull(file, "file is null");
        requireNonNull(batches, "batches is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
        }
        Batcher batcher = new Batcher(new MessageFactory(requireNonNull(metadata, "metadata is null"), receiptTimeMillis,
                extractor), batchSize, batches);
        DecodeReport report = new DecodeReport();
        try (InputStream raw = Files.newInputStream(file)) {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER_BYTES);
            boolean gzipped = isGzip(buffered);
            InputStream content = gzipped ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered;
            byte[] prefix = content.readNBytes(PEEK_BYTES);
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(prefix), content);
            Shape shape = detectShape(prefix);
            if (shape == Shape.LINES) {
                new LineReader(maxMessageBytes, report, (line, lineNumber) -> batcher.add(line)).read(whole);
            } else {
                readJson(whole, report, batcher);
            }
            batcher.flush();
            return new Summary(shape, gzipped, batcher.count, report.rejectedCount(), report.rejected(),
                    report.warningCount(), report.warnings());
        } catch (JsonProcessingException invalid) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, file + ": not valid JSON at line "
                    + invalid.getLocation().getLineNr() + ", column " + invalid.getLocation().getColumnNr() + ": "
                    + invalid.getOriginalMessage(), invalid);
        } catch (ZipException corrupt) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, file + ": the gzip data is corrupt: "
                    + corrupt.getMessage(), corrupt);
        } catch (EOFException truncated) {
            throw new LoupeException(ErrorCode.INVALID_ENCODING, file + ": the gzip data is truncated", truncated);
        } catch (NoSuchFileException missing) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, file + ": no such file", missing);
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, file + ": cannot read: " + unreadable.getMessage(),
                    unreadable);
        }
    }

    private static boolean isGzip(BufferedInputStream input) throws IOException {
        input.mark(2);
        int first = input.read();
        int second = input.read();
        input.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** Decides the shape from the first bytes of the (decompressed) content. */
    private Shape detectShape(byte[] prefix) throws IOException {
        int start = skipWhitespace(prefix, startAfterByteOrderMark(prefix));
        if (start == prefix.length) {
            return Shape.LINES;
        }
        if (prefix[start] == '[') {
            int next = skipWhitespace(prefix, start + 1);
            return next == prefix.length || prefix[next] == '{' || prefix[next] == ']' ? Shape.JSON_ARRAY : Shape.LINES;
        }
        if (prefix[start] != '{') {
            return Shape.LINES;
        }
        if (startsWithRecords(prefix, start)) {
            return Shape.CLOUDTRAIL_RECORDS;
        }
        int lineEnd = start;
        while (lineEnd < prefix.length && prefix[lineEnd] != '\n') {
            lineEnd++;
        }
        return firstLineIsIncompleteJson(prefix, start, lineEnd) ? Shape.JSON_DOCUMENTS : Shape.LINES;
    }

    private boolean startsWithRecords(byte[] prefix, int start) throws IOException {
        try (JsonParser parser = jsonFactory.createParser(prefix, start, prefix.length - start)) {
            return parser.nextToken() == JsonToken.START_OBJECT && parser.nextToken() == JsonToken.FIELD_NAME
                    && "Records".equals(parser.currentName()) && parser.nextToken() == JsonToken.START_ARRAY;
        } catch (JsonProcessingException notJson) {
            // Text that merely starts with a brace, or a key longer than the peeked prefix: not a Records file.
            return false;
        }
    }

    /* True when the first line opens a JSON object that only closes on a later line: a pretty-printed document. */
    private boolean firstLineIsIncompleteJson(byte[] prefix, int start, int lineEnd) throws IOException {
        try (JsonParser parser = jsonFactory.createParser(prefix, start, lineEnd - start)) {
            parser.nextToken();
            parser.skipChildren();
            return false;
        } catch (JsonEOFException incomplete) {
            return true;
        } catch (JsonProcessingException notJson) {
            // Malformed on its own line: a text line that happens to start with a brace.
            return false;
        }
    }

    private static int startAfterByteOrderMark(byte[] prefix) {
        return prefix.length >= 3 && (prefix[0] & 0xFF) == 0xEF && (prefix[1] & 0xFF) == 0xBB && (prefix[2] & 0xFF) == 0xBF
                ? 3 : 0;
    }

    private static int skipWhitespace(byte[] bytes, int start) {
        int position = start;
        while (position < bytes.length && (bytes[position] == ' ' || bytes[position] == '\n'
                || bytes[position] == '\r' || bytes[position] == '\t')) {
            position++;
        }
        return position;
    }

    /** Reads a sequence of top-level JSON values: arrays give their elements, Records objects their records. */
    private void readJson(InputStream input, DecodeReport report, Batcher batcher) throws IOException {
        try (JsonParser parser = jsonFactory.createParser(input)) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                switch (token) {
                    case START_ARRAY -> readElements(parser, report, batcher);
                    case START_OBJECT -> readObject(parser, report, batcher);
                    default -> emit(parser.currentTokenLocation().getLineNr(), parser.getText(), report, batcher);
                }
                token = parser.nextToken();
            }
        }
    }

    /** At START_ARRAY: one message per element, up to the matching END_ARRAY. */
    private void readElements(JsonParser parser, DecodeReport report, Batcher batcher) throws IOException {
        JsonToken token = parser.nextToken();
        while (token != JsonToken.END_ARRAY) {
            int lineNumber = parser.currentTokenLocation().getLineNr();
            emit(lineNumber, compact(parser), report, batcher);
            token = parser.nextToken();
        }
    }

    /** At START_OBJECT: a CloudTrail Records file (first key {@code Records}), else one message for the object. */
    private void readObject(JsonParser parser, DecodeReport report, Batcher batcher) throws IOException {
        int lineNumber = parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.nextToken();
        if (token == JsonToken.FIELD_NAME && "Records".equals(parser.currentName())
                && parser.nextToken() == JsonToken.START_ARRAY) {
            readElements(parser, report, batcher);
            token = parser.nextToken();
            while (token == JsonToken.FIELD_NAME) {
                parser.nextToken();
                parser.skipChildren();
                token = parser.nextToken();
            }
            return;
        }
        SegmentedStringWriter writer = new SegmentedStringWriter(jsonFactory._getBufferRecycler());
        try (JsonGenerator generator = jsonFactory.createGenerator(writer)) {
            generator.writeStartObject();
            while (token == JsonToken.FIELD_NAME) {
                generator.writeFieldName(parser.currentName());
                parser.nextToken();
                generator.copyCurrentStructure(parser);
                token = parser.nextToken();
            }
            generator.writeEndObject();
        }
        emit(lineNumber, writer.getAndClear(), report, batcher);
    }

    /** The current value (at its first token) as compact JSON. */
    private String compact(JsonParser parser) throws IOException {
        SegmentedStringWriter writer = new SegmentedStringWriter(jsonFactory._getBufferRecycler());
        try (JsonGenerator generator = jsonFactory.createGenerator(writer)) {
            generator.copyCurrentStructure(parser);
        }
        return writer.getAndClear();
    }

    private void emit(int lineNumber, String message, DecodeReport report, Batcher batcher) {
        long bytes = utf8Length(message);
        if (bytes > maxMessageBytes) {
            report.reject(lineNumber, "message of " + bytes + " bytes exceeds the " + maxMessageBytes + "-byte limit");
        } else if (!message.isBlank()) {
            batcher.add(message);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        int length = text.length();
        for (int index = 0; index < length; index++) {
            char character = text.charAt(index);
            if (character < 0x80) {
                bytes++;
            } else if (character < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(character) && index + 1 < length
                    && Character.isLowSurrogate(text.charAt(index + 1))) {
                bytes += 4;
                index++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Accumulates messages and hands over full batches. */
    private static final class Batcher {
        private final MessageFactory factory;
        private final int batchSize;
        private final Consumer<List<LogMessage>> consumer;
        private List<LogMessage> batch;
        private long count;

        Batcher(MessageFactory factory, int batchSize, Consumer<List<LogMessage>> consumer) {
            this.factory = factory;
            this.batchSize = batchSize;
            this.consumer = consumer;
            this.batch = new ArrayList<>(Math.min(batchSize, 4096));
        }

        void add(String raw) {
            batch.add(factory.create(raw));
            count++;
            if (batch.size() == batchSize) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                List<LogMessage> full = Collections.unmodifiableList(batch);
                batch = new ArrayList<>(Math.min(batchSize, 4096));
                consumer.accept(full);
            }
        }
    }
}
