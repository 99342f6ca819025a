package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.RequestBodies;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * HTTP in and out for users and access keys, shaped like Sumo's v1 users and access keys APIs (lists are
 * {@code {"data":[...],"next":null}}). Administrators manage everyone; a user reads themself, changes their own
 * password and manages their own keys; anything else is 403. The logic is in {@link UserDirectory}.
 *
 * <pre>
 * GET    /api/v1/users                      administrators
 * POST   /api/v1/users                      administrators  {"name","email","role":"user|administrator","password"}
 * GET    /api/v1/users/{id}                 self or administrators
 * DELETE /api/v1/users/{id}                 administrators
 * PUT    /api/v1/users/{id}/password        self or administrators  {"password"}
 * GET    /api/v1/accessKeys                 administrators: every key
 * GET    /api/v1/accessKeys/personal        the caller's keys
 * POST   /api/v1/accessKeys                 {"label","userId"?}: a key for the caller (or, for administrators, userId)
 * DELETE /api/v1/accessKeys/{id}            the key's owner or administrators
 * </pre>
 */
public final class UserController {
    private final UserDirectory users;
    private final ObjectMapper mapper;

    /** A user as the API shows it. */
    public record UserBody(String id, String name, String email, String role, String createdAt) {
        static UserBody of(User user) {
            return new UserBody(user.id(), user.name(), user.email(), user.role().name().toLowerCase(java.util.Locale.ROOT),
                    Instant.ofEpochMilli(user.createdMillis()).toString());
        }
    }

    /** An access key as the API shows it; {@code key} only in the reply that created it. */
    public record AccessKeyBody(String id, String label, String key, String createdBy, String createdAt,
            boolean disabled, List<String> corsHeaders) {}

    /** A list reply. */
    public record ListBody<T>(List<T> data, String next) {}

    record CreateUserRequest(String name, String email, String role, String password) {}

    record PasswordRequest(String password) {}

    record CreateKeyRequest(String label, String userId) {}

    public UserController(UserDirectory users, ObjectMapper mapper) {
        this.users = requireNonNull(users, "users is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the routes; the server's authentication before-handler covers them all. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.get("/api/v1/users", this::listUsers);
        routes.post("/api/v1/users", this::createUser);
        routes.get("/api/v1/users/{id}", this::getUser);
        routes.delete("/api/v1/users/{id}", this::deleteUser);
        routes.put("/api/v1/users/{id}/password", this::setPassword);
        routes.get("/api/v1/accessKeys", this::listKeys);
        routes.get("/api/v1/accessKeys/personal", this::listPersonalKeys);
        routes.post("/api/v1/accessKeys", this::createKey);
        routes.delete("/api/v1/accessKeys/{id}", this::deleteKey);
    }

    private void listUsers(Context context) {
        Principal.of(context).requireAdministrator();
        List<UserBody> bodies = new ArrayList<>();
        for (User user : users.users()) {
            bodies.add(UserBody.of(user));
        }
        context.json(new ListBody<>(bodies, null));
    }

    private void createUser(Context context) {
        Principal.of(context).requireAdministrator();
        CreateUserRequest request = RequestBodies.read(mapper, context, CreateUserRequest.class);
        Role role;
        try {
            role = request.role() == null ? Role.USER : Role.of(request.role());
        } catch (IllegalArgumentException exception) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, exception.getMessage(), exception);
        }
        User user = users.createUser(request.name(), request.email(), role, request.password());
        context.status(201).json(UserBody.of(user));
    }

    private void getUser(Context context) {
        String id = context.pathParam("id");
        Principal.of(context).requireSelfOrAdministrator(id);
        context.json(UserBody.of(users.findById(id).orElseThrow(() -> noSuchUser(id))));
    }

    private void deleteUser(Context context) {
        Principal principal = Principal.of(context).requireAdministrator();
        String id = context.pathParam("id");
        if (principal.userId().equals(id)) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "administrators cannot delete themselves");
        }
        if (!users.deleteUser(id)) {
            throw noSuchUser(id);
        }
        context.status(204);
    }

    private void setPassword(Context context) {
        String id = context.pathParam("id");
        Principal.of(context).requireSelfOrAdministrator(id);
        PasswordRequest request = RequestBodies.read(mapper, context, PasswordRequest.class);
        if (request.password() == null || request.password().length() < 8) {
            throw new LoupeException(ErrorCode.INVALID_INPUT, "a password has at least 8 characters");
        }
        if (!users.setPassword(id, request.password())) {
            throw noSuchUser(id);
        }
        context.status(204);
    }

    private void listKeys(Context context) {
        Principal.of(context).requireAdministrator();
        context.json(new ListBody<>(keyBodies(users.keys(null)), null));
    }

    private void listPersonalKeys(Context context) {
        context.json(new ListBody<>(keyBodies(users.keys(Principal.of(context).userId())), null));
    }

    private void createKey(Context context) {
        Principal principal = Principal.of(context);
        CreateKeyRequest request = RequestBodies.read(mapper, context, CreateKeyRequest.class);
        String userId = request.userId() == null ? principal.userId() : request.userId();
        principal.requireSelfOrAdministrator(userId);
        String label = request.label() == null || request.label().isBlank() ? "access key" : request.label().trim();
        CreatedAccessKey created = users.createKey(userId, label);
        context.status(201).json(new AccessKeyBody(created.accessId(), created.label(), created.accessKey(), userId,
                Instant.now().toString(), false, List.of()));
    }

    private void deleteKey(Context context) {
        Principal principal = Principal.of(context);
        String id = context.pathParam("id");
        AccessKeyInfo key = users.key(id).orElseThrow(() -> new LoupeException(ErrorCode.NOT_FOUND,
                "there is no access key '" + id + "'"));
        principal.requireSelfOrAdministrator(key.userId());
        users.deleteKey(id);
        context.status(204);
    }

    private static List<AccessKeyBody> keyBodies(List<AccessKeyInfo> keys) {
        List<AccessKeyBody> bodies = new ArrayList<>(keys.size());
        for (AccessKeyInfo key : keys) {
            bodies.add(new AccessKeyBody(key.accessId(), key.label(), null, key.userId(),
                    Instant.ofEpochMilli(key.createdMillis()).toString(), false, List.of()));
        }
        return bodies;
    }

    private static LoupeException noSuchUser(String id) {
        return new LoupeException(ErrorCode.NOT_FOUND, "there is no user with id '" + id + "'");
    }
}
