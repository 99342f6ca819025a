package dev.loupe.core;

/**
 * Where in a query text something is: a half-open character range plus the 1-based line and column of its
 * start, for error messages like {@code line 3, col 14: ...}.
 *
 * @param start offset of the first character (0-based, inclusive)
 * @param end offset after the last character (exclusive); {@code end >= start}
 * @param line 1-based line of {@code start}
 * @param column 1-based column of {@code start}
 */
public record SourceSpan(int start, int end, int line, int column) {
    public SourceSpan {
        if (start < 0 || end < start || line < 1 || column < 1) {
            throw new IllegalArgumentException("invalid span: start=" + start + " end=" + end + " line=" + line + " column=" + column);
        }
    }

    /** Computes line and column of {@code start} within {@code text}. */
    public static SourceSpan of(String text, int start, int end) {
        int line = 1;
        int column = 1;
        int limit = Math.min(start, text.length());
        for (int i = 0; i < limit; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new SourceSpan(start, Math.max(start, end), line, column);
    }

    /** The smallest span covering this one and {@code other}. */
    public SourceSpan to(SourceSpan other) {
        return start <= other.start
                ? new SourceSpan(start, Math.max(end, other.end), line, column)
                : new SourceSpan(other.start, Math.max(end, other.end), other.line, other.column);
    }
}
