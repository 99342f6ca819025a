package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Decides who an {@code /api/} request is: HTTP Basic with an access id and key, or the {@value #SESSION_COOKIE}
 * cookie of a UI sign-in. Free of HTTP plumbing; the server calls {@link #authenticate} from a before-handler
 * and puts the {@link Principal} on the request. Thread-safe.
 *
 * <p>An {@code Authorization} header always wins over a cookie. A cookie-authenticated request with an unsafe
 * method (anything but GET, HEAD, OPTIONS) must carry {@value #CSRF_HEADER} equal to the session's CSRF token
 * (compared in constant time), else 403: a cross-site form cannot set that header, so the cookie alone never
 * changes anything. Failures throw a 401 {@link ApiException} with code {@code unauthorized}; the exception
 * mapper adds the {@code WWW-Authenticate: Basic} challenge, which non-preemptive clients (sumo-java-client)
 * wait for before they send credentials.
 */
public final class Authenticator {
    /** The session cookie of a UI sign-in. */
    public static final String SESSION_COOKIE = "LOUPE_SESSION";
    /** The header echoing the CSRF token returned at sign-in. */
    public static final String CSRF_HEADER = "X-Loupe-Csrf";

    private final UserDirectory users;
    private final SessionStore sessions;

    /**
     * What the authenticator reads from a request.
     *
     * @param method the HTTP method, e.g. {@code GET}
     * @param authorization the {@code Authorization} header, or null
     * @param sessionToken the {@value #SESSION_COOKIE} cookie, or null
     * @param csrfToken the {@value #CSRF_HEADER} header, or null
     */
    public record Credentials(String method, String authorization, String sessionToken, String csrfToken) {
        public Credentials {
            requireNonNull(method, "method is null");
        }

        @Override
        public String toString() {
            return "Credentials[method=" + method + "]";
        }
    }

    public Authenticator(UserDirectory users, SessionStore sessions) {
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
    }

    /**
     * Who sent the request.
     *
     * @throws ApiException 401 {@code unauthorized} when the credentials are absent, malformed or wrong; 403
     *     {@code csrf.missing} for a cookie-authenticated unsafe request without the right CSRF header
     */
    public Principal authenticate(Credentials credentials) {
        if (credentials.authorization() != null && !credentials.authorization().isBlank()) {
            return basic(credentials.authorization());
        }
        if (credentials.sessionToken() != null && !credentials.sessionToken().isBlank()) {
            return session(credentials);
        }
        throw unauthorized("credentials are required: use HTTP Basic with your access id and access key");
    }

    private Principal basic(String authorization) {
        String trimmed = authorization.trim();
        if (trimmed.length() < 6 || !trimmed.substring(0, 6).equalsIgnoreCase("Basic ")) {
            throw unauthorized("only HTTP Basic authentication with an access id and access key is supported");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(trimmed.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException exception) {
            throw unauthorized("the Basic credentials are not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized("the Basic credentials must be accessId:accessKey");
        }
        String accessId = decoded.substring(0, colon);
        Optional<User> user = users.verifyKey(accessId, decoded.substring(colon + 1));
        if (user.isEmpty()) {
            throw unauthorized("the access id or access key is wrong");
        }
        return new Principal(user.get(), Principal.Method.ACCESS_KEY, accessId);
    }

    private Principal session(Credentials credentials) {
        SessionStore.ActiveSession session = sessions.find(credentials.sessionToken())
                .orElseThrow(() -> unauthorized("the session has expired or was signed out: sign in again"));
        if (!isSafe(credentials.method())) {
            byte[] expected = session.csrfToken().getBytes(StandardCharsets.UTF_8);
            byte[] actual = credentials.csrfToken() == null ? new byte[0]
                    : credentials.csrfToken().getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new ApiException(ErrorCode.UNAUTHORIZED, 403, "csrf.missing", "a signed-in request that "
                        + "changes something needs the " + CSRF_HEADER + " header returned at sign-in");
            }
        }
        return new Principal(session.user(), Principal.Method.SESSION, null);
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, 401, "unauthorized", message);
    }
}
