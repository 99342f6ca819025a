package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.server.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks an HTTP {@code Authorization: Basic} header against the {@link AccessKeyStore}. Free of HTTP plumbing;
 * the server calls {@link #authenticate} from a before-handler on {@code /api/*}. Thread-safe.
 *
 * <p>Failures throw a 401 {@link ApiException} with code {@code unauthorized}; the exception mapper adds the
 * {@code WWW-Authenticate: Basic} challenge, which non-preemptive clients (sumo-java-client) wait for before
 * they send credentials.
 */
public final class BasicAuthenticator {
    private final AccessKeyStore keys;

    public BasicAuthenticator(AccessKeyStore keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /**
     * Returns the authenticated access id.
     *
     * @param authorization the {@code Authorization} header, or null when absent
     * @throws ApiException 401 {@code unauthorized} when it is absent, malformed or wrong
     */
    public String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw unauthorized("credentials are required: use HTTP Basic with your access id and access key");
        }
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
        if (!keys.verify(accessId, decoded.substring(colon + 1))) {
            throw unauthorized("the access id or access key is wrong");
        }
        return accessId;
    }

    private static ApiException unauthorized(String message) {
        return new ApiException(ErrorCode.UNAUTHORIZED, 401, "unauthorized", message);
    }
}
