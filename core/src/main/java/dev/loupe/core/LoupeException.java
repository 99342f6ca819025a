package dev.loupe.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The one exception type Loupe throws for anything it reports to a user or client.
 *
 * <p>The message is written for the user: specific, naming the offending value. When the error points into a
 * query, {@link #span()} says where, and {@link #getMessage()} starts with {@code line L, col C: }.
 */
public class LoupeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final SourceSpan span;
    private final String detail;

    public LoupeException(ErrorCode errorCode, String message) {
        this(errorCode, message, null, null);
    }

    public LoupeException(ErrorCode errorCode, String message, Throwable cause) {
        this(errorCode, message, null, cause);
    }

    public LoupeException(ErrorCode errorCode, String message, SourceSpan span) {
        this(errorCode, message, span, null);
    }

    public LoupeException(ErrorCode errorCode, String message, SourceSpan span, Throwable cause) {
        super(span == null ? message : "line " + span.line() + ", col " + span.column() + ": " + message, cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
        this.span = span;
        this.detail = requireNonNull(message, "message is null");
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** Where in the query the error is, when it points into one. */
    public Optional<SourceSpan> span() {
        return Optional.ofNullable(span);
    }

    /** The message without the {@code line L, col C: } prefix. */
    public String detail() {
        return detail;
    }
}
