package dev.loupe.query;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.LoupeException;
import dev.loupe.core.SourceSpan;

/**
 * Renders a query error for people: the message ({@code line 3, col 14: unknown operator 'jsn' (did you mean
 * 'json'?)}), then the offending source line and a caret line under the span ({@code ^} at its start, {@code ~}
 * under the rest of it on that line). Errors without a span render as their message alone. Stateless.
 */
public final class QueryErrorFormatter {
    private QueryErrorFormatter() {}

    /**
     * @param queryText the query the error was raised for
     * @param error the error; its span, when present, must point into {@code queryText}
     */
    public static String format(String queryText, LoupeException error) {
        requireNonNull(queryText, "queryText is null");
        requireNonNull(error, "error is null");
        if (error.span().isEmpty()) {
            return error.getMessage();
        }
        SourceSpan span = error.span().get();
        int start = Math.min(span.start(), queryText.length());
        int lineStart = queryText.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = queryText.indexOf('\n', start);
        if (lineEnd < 0) {
            lineEnd = queryText.length();
        }
        String line = queryText.substring(lineStart, lineEnd);
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
        }
        StringBuilder text = new StringBuilder(error.getMessage()).append('\n').append(line).append('\n');
        for (int index = lineStart; index < start; index++) {
            text.append(queryText.charAt(index) == '\t' ? '\t' : ' ');
        }
        text.append('^');
        int underlineEnd = Math.min(Math.max(span.end(), start + 1), lineStart + line.length());
        for (int index = start + 1; index < underlineEnd; index++) {
            text.append('~');
        }
        return text.toString();
    }
}
