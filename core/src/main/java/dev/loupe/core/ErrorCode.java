package dev.loupe.core;

import static java.util.Objects.requireNonNull;

/**
 * Every error Loupe reports, each with a stable machine-readable {@link #code()} and a category.
 *
 * <p>Codes are stable: clients and tests may match on them. Add new constants; never rename one.
 */
public enum ErrorCode {
    QUERY_SYNTAX("parse.error", ErrorCategory.USER_ERROR),
    QUERY_UNSUPPORTED("query.unsupported", ErrorCategory.USER_ERROR),
    QUERY_INVALID("query.invalid", ErrorCategory.USER_ERROR),
    QUERY_PARAMETER_NOT_SUBSTITUTED("query.parameter.not.substituted", ErrorCategory.USER_ERROR),
    QUERY_LIMIT_EXCEEDED("query.limit.exceeded", ErrorCategory.INSUFFICIENT_RESOURCES),
    QUERY_TIMEOUT("query.timeout", ErrorCategory.INSUFFICIENT_RESOURCES),
    /** The query was cancelled by its caller (a deleted or expired search job); it produced nothing. */
    QUERY_CANCELLED("query.cancelled", ErrorCategory.USER_ERROR),
    INVALID_TIME("invalid.time", ErrorCategory.USER_ERROR),
    INVALID_INPUT("invalid.input", ErrorCategory.USER_ERROR),
    INVALID_ENCODING("invalid.encoding", ErrorCategory.USER_ERROR),
    PAYLOAD_TOO_LARGE("payload.too.large", ErrorCategory.USER_ERROR),
    NOT_FOUND("notfound", ErrorCategory.USER_ERROR),
    UNAUTHORIZED("unauthorized", ErrorCategory.USER_ERROR),
    STORAGE_FULL("storage.full", ErrorCategory.INSUFFICIENT_RESOURCES),
    STORE_IN_USE("store.in.use", ErrorCategory.USER_ERROR),
    OVERLOADED("service.overloaded", ErrorCategory.INSUFFICIENT_RESOURCES),
    CORRUPT_DATA("corrupt.data", ErrorCategory.INTERNAL_ERROR),
    STORAGE_FAILURE("storage.failure", ErrorCategory.INTERNAL_ERROR),
    INTERNAL("internal.error", ErrorCategory.INTERNAL_ERROR);

    private final String code;
    private final ErrorCategory category;

    ErrorCode(String code, ErrorCategory category) {
        this.code = requireNonNull(code, "code is null");
        this.category = requireNonNull(category, "category is null");
    }

    /** The stable dotted code sent to clients, e.g. {@code parse.error}. */
    public String code() {
        return code;
    }

    public ErrorCategory category() {
        return category;
    }
}
