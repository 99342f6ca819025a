package dev.loupe.store.wal;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte encoding of log messages inside WAL records. Round-trips every {@link LogMessage} exactly, including
 * strings that are not well-formed UTF-16 (a lone surrogate cannot survive UTF-8, so such strings are written as
 * UTF-16 code units). Stateless and thread-safe.
 *
 * <p>Per message: {@code messageTime: long, receiptTime: long}, the six strings {@code raw, sourceCategory,
 * sourceName, sourceHost, source, collector}, then {@code fieldCount: int} and that many key/value string pairs.
 * A string is {@code n: int} followed by {@code n} UTF-8 bytes when {@code n >= 0}, or by {@code -n} big-endian
 * UTF-16 code units when {@code n < 0}.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** Encodes {@code messages} (without a count; the record header carries it). */
    public static byte[] encode(List<LogMessage> messages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, messages.size() * 128));
        DataOutputStream output = new DataOutputStream(bytes);
        try {
            for (LogMessage message : messages) {
                output.writeLong(message.messageTime());
                output.writeLong(message.receiptTime());
                writeString(output, message.raw());
                writeString(output, message.sourceCategory());
                writeString(output, message.sourceName());
                writeString(output, message.sourceHost());
                writeString(output, message.source());
                writeString(output, message.collector());
                output.writeInt(message.fields().size());
                for (Map.Entry<String, String> field : message.fields().entrySet()) {
                    writeString(output, field.getKey());
                    writeString(output, field.getValue());
                }
            }
            output.flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException("writing to memory failed", impossible);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes exactly {@code count} messages from the remaining bytes of {@code buffer}.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when the bytes do not hold {@code count} messages and nothing more
     */
    public static List<LogMessage> decode(ByteBuffer buffer, int count, String location) {
        List<LogMessage> messages = new ArrayList<>(count);
        try {
            for (int index = 0; index < count; index++) {
                long messageTime = buffer.getLong();
                long receiptTime = buffer.getLong();
                String raw = readString(buffer);
                String sourceCategory = readString(buffer);
                String sourceName = readString(buffer);
                String sourceHost = readString(buffer);
                String source = readString(buffer);
                String collector = readString(buffer);
                int fieldCount = buffer.getInt();
                if (fieldCount < 0) {
                    throw corrupt(location, "negative field count " + fieldCount);
                }
                Map<String, String> fields = HashMap.newHashMap(fieldCount);
                for (int field = 0; field < fieldCount; field++) {
                    fields.put(readString(buffer), readString(buffer));
                }
                messages.add(new LogMessage(raw, messageTime, receiptTime, sourceCategory, sourceName, sourceHost,
                        source, collector, fields));
            }
        } catch (BufferUnderflowException | IllegalArgumentException failure) {
            throw corrupt(location, "the record payload ends inside a message (" + failure + ")");
        }
        if (buffer.hasRemaining()) {
            throw corrupt(location, buffer.remaining() + " bytes left over after " + count + " messages");
        }
        return messages;
    }

    private static void writeString(DataOutputStream output, String value) throws IOException {
        if (isWellFormed(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            output.writeInt(utf8.length);
            output.write(utf8);
        } else {
            output.writeInt(-value.length());
            output.writeChars(value);
        }
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length >= 0) {
            if (length > buffer.remaining()) {
                throw new BufferUnderflowException();
            }
            String value = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), length, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + length);
            return value;
        }
        long charCount = -(long) length;
        if (charCount * 2 > buffer.remaining()) {
            throw new BufferUnderflowException();
        }
        char[] chars = new char[(int) charCount];
        buffer.asCharBuffer().get(chars);
        buffer.position(buffer.position() + chars.length * 2);
        return new String(chars);
    }

    /** Whether {@code value} is well-formed UTF-16 (no unpaired surrogate), so UTF-8 round-trips it. */
    public static boolean isWellFormed(String value) {
        int length = value.length();
        for (int index = 0; index < length; index++) {
            char current = value.charAt(index);
            if (Character.isHighSurrogate(current)) {
                if (index + 1 >= length || !Character.isLowSurrogate(value.charAt(index + 1))) {
                    return false;
                }
                index++;
            } else if (Character.isLowSurrogate(current)) {
                return false;
            }
        }
        return true;
    }

    private static LoupeException corrupt(String location, String problem) {
        return new LoupeException(ErrorCode.CORRUPT_DATA, "corrupt WAL record at " + location + ": " + problem);
    }
}
