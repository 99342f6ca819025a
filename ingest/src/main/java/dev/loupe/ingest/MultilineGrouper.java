package dev.loupe.ingest;

import static java.util.Objects.requireNonNull;

import java.util.function.Consumer;

/**
 * Groups the lines of one request body into messages the way Sumo's default multiline processing ("infer
 * boundaries") does for the common case, a stack trace under a timestamped log line. Not thread-safe: one per
 * body.
 *
 * <p>The rule: grouping is on only when the body's first line starts with a text timestamp ({@link
 * TimestampExtractor#startsWithTextTimestamp}), the prefix Sumo learns boundaries from. Then a line is joined to
 * the message before it, with a {@code \n}, when it is a stack-trace continuation: it starts with whitespace
 * ({@code \tat ...}, indented frames), with {@code Caused by:}, {@code Suppressed:} or {@code ...}, or it is an
 * exception header (a dotted class name ending in {@code Exception}, {@code Error} or {@code Throwable},
 * optionally followed by {@code :} and a message). Every other line begins a new message.
 *
 * <p>Design note: Sumo's inference treats every line that does not match the first line's prefix as a
 * continuation. Loupe is narrower on purpose: a body mixing timestamped lines, JSON lines and plain lines keeps
 * one message per line, as it always did, and only recognisable stack traces are grouped. A continuation that
 * would make the message longer than the message limit starts a new message instead, so grouping never makes a
 * message too long to store. Lines are never joined across requests.
 */
final class MultilineGrouper {
    private final TimestampExtractor extractor;
    private final int maxMessageBytes;
    private final Consumer<String> messages;
    private final StringBuilder pending = new StringBuilder();
    private int pendingBytes;
    private boolean firstLineSeen;
    private boolean grouping;

    /**
     * @param extractor tells lines that start with a timestamp
     * @param maxMessageBytes the longest message, in UTF-8 bytes
     * @param messages receives each complete message, in order
     */
    MultilineGrouper(TimestampExtractor extractor, int maxMessageBytes, Consumer<String> messages) {
        this.extractor = requireNonNull(extractor, "extractor is null");
        this.maxMessageBytes = maxMessageBytes;
        this.messages = requireNonNull(messages, "messages is null");
    }

    /** Takes the next line (without its terminator). */
    void line(String line) {
        int lineBytes = utf8Length(line);
        if (!firstLineSeen) {
            firstLineSeen = true;
            grouping = extractor.startsWithTextTimestamp(line);
        } else if (grouping && isContinuation(line) && (long) pendingBytes + 1 + lineBytes <= maxMessageBytes) {
            pending.append('\n').append(line);
            pendingBytes += 1 + lineBytes;
            return;
        }
        finish();
        pending.append(line);
        pendingBytes = lineBytes;
    }

    /** Hands over the message being built, if any; call after the last line. */
    void finish() {
        if (!pending.isEmpty()) {
            messages.accept(pending.toString());
            pending.setLength(0);
            pendingBytes = 0;
        }
    }

    /** Whether a line continues a stack trace (see the class comment); never true for a timestamped line. */
    static boolean isContinuation(String line) {
        char first = line.charAt(0);
        if (first == ' ' || first == '\t') {
            return true;
        }
        if (line.startsWith("Caused by:") || line.startsWith("Suppressed:") || line.startsWith("...")) {
            return true;
        }
        int colon = line.indexOf(':');
        String className = colon < 0 ? line : line.substring(0, colon);
        if (className.indexOf('.') <= 0 || !Character.isJavaIdentifierStart(className.charAt(0))
                || !(className.endsWith("Exception") || className.endsWith("Error") || className.endsWith("Throwable"))) {
            return false;
        }
        for (int index = 0; index < className.length(); index++) {
            char character = className.charAt(index);
            if (character != '.' && !Character.isJavaIdentifierPart(character)) {
                return false;
            }
        }
        return true;
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (character < 0x80) {
                bytes++;
            } else if (character < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(character)) {
                bytes += 4;
                index++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
