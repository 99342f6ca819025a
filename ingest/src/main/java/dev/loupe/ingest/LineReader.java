package dev.loupe.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/**
 * Splits a byte stream into UTF-8 lines: the one line decoder shared by the HTTP payload decoders (logs and
 * metrics) and the file reader.
 *
 * <ul>
 *   <li>Lines end at {@code \n} or {@code \r\n}; the terminator is not part of the line. A final line without a
 *       terminator counts; a lone trailing newline makes no empty line.
 *   <li>Empty and whitespace-only lines are skipped (they still count for line numbers).
 *   <li>A line longer than {@code maxLineBytes} (UTF-8 bytes, terminator excluded) is rejected in the
 *       {@link DecodeReport}; past the limit its bytes are skipped, not buffered, and reading goes on.
 *   <li>Invalid UTF-8 is replaced by U+FFFD; the line is kept and a warning names its number.
 * </ul>
 *
 * <p>Not thread-safe: one instance per stream.
 */
public final class LineReader {
    private static final int CHUNK_BYTES = 64 * 1024;

    private final int maxLineBytes;
    private final DecodeReport report;
    private final ObjIntConsumer<String> lines;
    private byte[] pending = new byte[1024];
    private int pendingLength;
    /** Bytes of the current line seen so far, including any skipped past the limit. */
    private long lineBytes;
    private byte lastByte;
    private int lineNumber = 1;
    private CharsetDecoder strictDecoder;

    /**
     * @param lines receives each kept line with its 1-based line number
     */
    public LineReader(int maxLineBytes, DecodeReport report, ObjIntConsumer<String> lines) {
        this.maxLineBytes = maxLineBytes;
        this.report = report;
        this.lines = lines;
    }

    /** Reads {@code input} to its end (does not close it). I/O errors, including decompression errors, propagate. */
    public void read(InputStream input) throws IOException {
        byte[] chunk = new byte[CHUNK_BYTES];
        int read;
        while ((read = input.read(chunk, 0, chunk.length)) != -1) {
            int start = 0;
            for (int index = 0; index < read; index++) {
                if (chunk[index] == '\n') {
                    if (lineBytes == 0) {
                        // The whole line is inside this chunk: decode it in place, without copying.
                        lineBytes = index - start;
                        endLine(chunk, start, index - start);
                    } else {
                        append(chunk, start, index - start);
                        endLine(pending, 0, pendingLength);
                    }
                    start = index + 1;
                }
            }
            append(chunk, start, read - start);
        }
        if (lineBytes > 0) {
            endLine(pending, 0, pendingLength);
        }
    }

    private void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        lineBytes += length;
        lastByte = bytes[offset + length - 1];
        // One byte of slack keeps a line of exactly maxLineBytes followed by '\r' buffered.
        if (lineBytes > maxLineBytes + 1L) {
            pendingLength = 0;
            return;
        }
        if (pendingLength + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + length));
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
    }

    /**
     * Ends the current line. {@code bytes[offset, offset + length)} holds its content when it fit under the limit;
     * {@link #lineBytes} is its full length either way.
     */
    private void endLine(byte[] bytes, int offset, int length) {
        int number = lineNumber++;
        boolean endsWithCarriageReturn = lineBytes > 0
                && (length > 0 ? bytes[offset + length - 1] == '\r' : lastByte == '\r');
        long contentBytes = endsWithCarriageReturn ? lineBytes - 1 : lineBytes;
        lineBytes = 0;
        pendingLength = 0;
        if (contentBytes > maxLineBytes) {
            report.reject(number, "message of " + contentBytes + " bytes exceeds the " + maxLineBytes + "-byte limit");
            return;
        }
        int contentLength = (int) contentBytes;
        if (isBlank(bytes, offset, contentLength)) {
            return;
        }
        String text = new String(bytes, offset, contentLength, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') >= 0 && isMalformed(bytes, offset, contentLength)) {
            report.warn("line " + number + ": invalid UTF-8 replaced by U+FFFD");
        }
        if (!text.isBlank()) {
            lines.accept(text, number);
        }
    }

    private static boolean isBlank(byte[] bytes, int offset, int length) {
        for (int index = offset; index < offset + length; index++) {
            byte value = bytes[index];
            if (value != ' ' && value != '\t' && value != '\r' && value != '\f' && value != 0x0B) {
                return false;
            }
        }
        return true;
    }

    /*
     * Only called when the decoded text contains U+FFFD, which is either a replacement or a genuine U+FFFD in the
     * input. A strict decoder tells the two apart without exceptions (decode reports a CoderResult).
     */
    private boolean isMalformed(byte[] bytes, int offset, int length) {
        if (strictDecoder == null) {
            strictDecoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }
        strictDecoder.reset();
        CharBuffer output = CharBuffer.allocate(length);
        boolean malformed = strictDecoder.decode(ByteBuffer.wrap(bytes, offset, length), output, true).isError();
        return malformed || strictDecoder.flush(output).isError();
    }
}
