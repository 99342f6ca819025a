package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import io.javalin.http.Context;

/**
 * Who is making an authenticated {@code /api/} request: set on the Javalin {@link Context} by the server's
 * authentication before-handler, read by handlers with {@link #of(Context)}.
 *
 * @param user the user, with the role as stored when the request arrived
 * @param method how the request proved it
 * @param accessId the access id for {@link Method#ACCESS_KEY}, null for {@link Method#SESSION}
 */
public record Principal(User user, Method method, String accessId) {
    /** The {@link Context} attribute holding the principal. */
    public static final String ATTRIBUTE = "loupe.principal";

    /** How a request authenticated. */
    public enum Method {
        /** HTTP Basic with an access id and key. */
        ACCESS_KEY,
        /** The {@code LOUPE_SESSION} cookie of a UI sign-in. */
        SESSION
    }

    public Principal {
        requireNonNull(user, "user is null");
        requireNonNull(method, "method is null");
        if ((method == Method.ACCESS_KEY) != (accessId != null)) {
            throw new IllegalArgumentException("an access id goes with ACCESS_KEY authentication only");
        }
    }

    /** The user's id. */
    public String userId() {
        return user.id();
    }

    /**
     * The identity per-caller limits count against: the access id for HTTP Basic, the user for a UI session (so a
     * signed-in browser and a script with one of the user's keys are limited separately).
     */
    public String callerKey() {
        return method == Method.ACCESS_KEY ? "key:" + accessId : "user:" + user.id();
    }

    /** Whether the user is an administrator. */
    public boolean isAdministrator() {
        return user.isAdministrator();
    }

    /**
     * The principal of an authenticated request.
     *
     * @throws ApiException 401 when the request was not authenticated (a route outside {@code /api/}, or
     *     {@code /api/health})
     */
    public static Principal of(Context context) {
        Principal principal = context.attribute(ATTRIBUTE);
        if (principal == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, 401, "unauthorized", "credentials are required");
        }
        return principal;
    }

    /**
     * Requires an administrator.
     *
     * @throws ApiException 403 {@code forbidden} for other users
     */
    public Principal requireAdministrator() {
        if (!isAdministrator()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, 403, "forbidden", "this needs the administrator role");
        }
        return this;
    }

    /**
     * Requires an administrator or the user {@code userId} themself.
     *
     * @throws ApiException 403 {@code forbidden} for other users
     */
    public Principal requireSelfOrAdministrator(String userId) {
        if (!isAdministrator() && !user.id().equals(userId)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, 403, "forbidden",
                    "only administrators may act for other users");
        }
        return this;
    }
}
