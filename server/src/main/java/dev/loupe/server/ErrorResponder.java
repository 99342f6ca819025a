package dev.loupe.server;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCategory;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.receiver.FirehoseController;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapper: every handler throws, and this turns what it threw into a status code and a JSON
 * body. A {@link LoupeException} maps by its {@link ErrorCode} (or the exact status and code of an
 * {@link ApiException}); anything else is a bug and becomes a 500 with a generic message and an error id, logged
 * with its stack trace here and never sent to the client.
 *
 * <p>Bodies are flat {@code {"status","id","code","message"}} (what the Search Job API clients parse) except on
 * {@code /api/} paths outside {@code /api/v1/search}, which get the v2 shape {@code {"id","errors":[...]}}.
 * Kinesis Data Firehose deliveries ({@value FirehoseController#PATH}) get Firehose's
 * {@code {"requestId","timestamp","errorMessage"}}. A 401 on {@code /api/} carries the {@code WWW-Authenticate: Basic} challenge the sumo-java-client needs,
 * except for a script's request ({@code X-Requested-With: XMLHttpRequest}, which the web UI sends): a browser
 * answers a challenge to fetch() with its own password dialog, which would hide the UI's sign-in page;
 * a 429 (receiver back-pressure or search rate limits) carries {@code Retry-After: 1}.
 * Thread-safe.
 */
public final class ErrorResponder {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);
    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static final String CHALLENGE = "Basic realm=\"Loupe\"";
    /** The {@code X-Requested-With} value of the web UI's calls, which must not get the challenge. */
    static final String BROWSER_SCRIPT = "XMLHttpRequest";

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    /** A responder whose Firehose error bodies carry the system clock's time. */
    public ErrorResponder() {
        this(Clock.systemUTC());
    }

    /** @param clock the time written into Firehose error bodies */
    public ErrorResponder(Clock clock) {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** The flat error body of the Search Job API and the receivers. */
    public record FlatErrorBody(int status, String id, String code, String message) {}

    /** The v2 error body of the other {@code /api/} endpoints. */
    public record ErrorListBody(String id, List<ErrorEntry> errors) {}

    /** One entry of {@link ErrorListBody#errors()}. */
    public record ErrorEntry(String code, String message) {}

    /** What to answer for a failure, independent of HTTP plumbing. */
    record ErrorReply(int status, Object body, boolean challenge) {
        ErrorReply {
            requireNonNull(body, "body is null");
        }
    }

    /** The Javalin exception handler. */
    public void handle(Exception exception, Context context) {
        ErrorReply reply = reply(exception, context.path(), context.method().name());
        if (context.path().startsWith(FirehoseController.PATH)) {
            reply = firehoseReply(reply, context.header(FirehoseController.REQUEST_ID_HEADER));
        }
        if (reply.challenge() && !BROWSER_SCRIPT.equals(context.header("X-Requested-With"))) {
            context.header("WWW-Authenticate", CHALLENGE);
        }
        if (reply.status() == 429) {
            context.header("Retry-After", "1");
        }
        context.status(reply.status()).json(reply.body());
    }

    ErrorReply reply(Exception exception, String path, String method) {
        String id = newErrorId();
        int status;
        String code;
        String message;
        if (exception instanceof ApiException apiException) {
            status = apiException.status();
            code = apiException.apiCode();
            message = apiException.getMessage();
            logUserError(id, method, path, status, code);
        } else if (exception instanceof LoupeException loupeException
                && loupeException.errorCode().category() != ErrorCategory.INTERNAL_ERROR) {
            status = statusOf(loupeException.errorCode());
            code = loupeException.errorCode().code();
            message = loupeException.getMessage();
            logUserError(id, method, path, status, code);
        } else if (exception instanceof HttpResponseException httpException && httpException.getStatus() < 500) {
            status = httpException.getStatus();
            code = status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE.code() : "http." + status;
            message = httpException.getMessage();
            logUserError(id, method, path, status, code);
        } else {
            status = 500;
            code = ErrorCode.INTERNAL.code();
            message = "internal error; quote error id " + id + " when reporting it";
            LOG.atError().setCause(exception).addKeyValue("errorId", id).addKeyValue("method", method)
                    .addKeyValue("path", AccessLog.redactPath(path)).log("unhandled failure");
        }
        boolean api = path.startsWith("/api/");
        boolean challenge = api && status == 401;
        if (api && !path.startsWith("/api/v1/search")) {
            return new ErrorReply(status, new ErrorListBody(id, List.of(new ErrorEntry(code, message))), challenge);
        }
        return new ErrorReply(status, new FlatErrorBody(status, id, code, message), challenge);
    }

    /**
     * The same failure in Kinesis Data Firehose's error format {@code {"requestId","timestamp","errorMessage"}}
     * (the error id goes into the message, so a failure can still be found in the server log).
     */
    ErrorReply firehoseReply(ErrorReply reply, String requestId) {
        if (!(reply.body() instanceof FlatErrorBody flat)) {
            throw new IllegalStateException("receiver errors are flat, not " + reply.body().getClass());
        }
        String message = flat.code() + ": " + flat.message() + " (error id " + flat.id() + ")";
        return new ErrorReply(reply.status(), new FirehoseController.FirehoseErrorResponse(
                requestId == null ? "" : requestId, clock.millis(), message), false);
    }

    /** The HTTP status for a user-facing or resource error code. */
    static int statusOf(ErrorCode errorCode) {
        return switch (errorCode) {
            case QUERY_SYNTAX, QUERY_UNSUPPORTED, QUERY_INVALID, QUERY_PARAMETER_NOT_SUBSTITUTED, INVALID_TIME,
                    INVALID_INPUT, INVALID_ENCODING -> 400;
            case PAYLOAD_TOO_LARGE -> 413;
            case NOT_FOUND -> 404;
            case UNAUTHORIZED -> 401;
            case STORAGE_FULL -> 507;
            case STORE_IN_USE, QUERY_CANCELLED -> 409;
            case QUERY_LIMIT_EXCEEDED, QUERY_TIMEOUT, OVERLOADED -> 503;
            case CORRUPT_DATA, STORAGE_FAILURE, INTERNAL -> 500;
        };
    }

    private static void logUserError(String id, String method, String path, int status, String code) {
        LOG.atInfo().addKeyValue("errorId", id).addKeyValue("method", method)
                .addKeyValue("path", AccessLog.redactPath(path)).addKeyValue("status", status)
                .addKeyValue("code", code).log("request failed");
    }

    /** A random id like {@code IUUQI-DGH5I-TJ045}, as Sumo writes them. */
    String newErrorId() {
        StringBuilder id = new StringBuilder(17);
        for (int index = 0; index < 15; index++) {
            if (index > 0 && index % 5 == 0) {
                id.append('-');
            }
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString().toUpperCase(Locale.ROOT);
    }
}
