package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;

/**
 * A {@link LoupeException} that carries the exact HTTP status and wire code a Sumo-compatible API promises its
 * clients (e.g. 404 {@code jobid.invalid}, 400 {@code searchjob.invalid.timestamp.from}), where the generic
 * mapping from {@link ErrorCode} would be too coarse. Thrown by handlers; rendered by {@link ErrorResponder}.
 */
public class ApiException extends LoupeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String apiCode;

    /**
     * @param errorCode the Loupe error code (decides the log level and category)
     * @param status the HTTP status to answer with
     * @param apiCode the {@code code} written to the error body
     * @param message the message for the client, naming the offending value
     */
    public ApiException(ErrorCode errorCode, int status, String apiCode, String message) {
        super(errorCode, message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.apiCode = requireNonNull(apiCode, "apiCode is null");
    }

    public int status() {
        return status;
    }

    public String apiCode() {
        return apiCode;
    }
}
