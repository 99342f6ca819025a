package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.RequestBodies;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * UI sign-in and sign-out. {@code POST /api/v1/session} with {@code {"name","password"}} answers 200
 * {@code {"user":{...},"csrfToken":"..."}} and sets the {@value Authenticator#SESSION_COOKIE} cookie (HttpOnly,
 * SameSite=Strict, Secure over HTTPS); it is the one {@code /api/} route besides health that needs no
 * credentials. {@code GET} returns who is signed in, with the session's CSRF token for a cookie session (null for
 * HTTP Basic), so a new tab of the UI can make unsafe requests; {@code DELETE} signs out and clears the cookie.
 */
public final class SessionController {
    /** The sign-in route, exempt from authentication. */
    public static final String PATH = "/api/v1/session";

    private final UserDirectory users;
    private final SessionStore sessions;
    private final ObjectMapper mapper;

    record SignInRequest(String name, String password) {
        @Override
        public String toString() {
            return "SignInRequest[name=" + name + "]";
        }
    }

    /** The sign-in reply. */
    public record SessionBody(UserController.UserBody user, String csrfToken) {}

    public SessionController(UserDirectory users, SessionStore sessions, ObjectMapper mapper) {
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** Declares the routes. */
    public void routes(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::signIn);
        routes.get(PATH, this::current);
        routes.delete(PATH, this::signOut);
    }

    private void signIn(Context context) {
        SignInRequest request = RequestBodies.read(mapper, context, SignInRequest.class);
        User user = users.verifyPassword(request.name(), request.password())
                .orElseThrow(() -> Authenticator.unauthorized("the name or password is wrong"));
        SessionStore.NewSession session = sessions.create(user);
        context.header("Set-Cookie", Authenticator.SESSION_COOKIE + "=" + session.token() + "; Path=/; Max-Age="
                + SessionStore.LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict" + secure(context));
        context.json(new SessionBody(UserController.UserBody.of(user), session.csrfToken()));
    }

    private void current(Context context) {
        Principal principal = Principal.of(context);
        String csrfToken = null;
        if (principal.method() == Principal.Method.SESSION) {
            // Same-origin only (the cookie is SameSite=Strict and no CORS headers are sent), so a second tab of the
            // UI may learn the token of the session it already holds.
            csrfToken = sessions.find(context.cookie(Authenticator.SESSION_COOKIE))
                    .map(SessionStore.ActiveSession::csrfToken).orElse(null);
        }
        context.json(new SessionBody(UserController.UserBody.of(principal.user()), csrfToken));
    }

    private void signOut(Context context) {
        Principal.of(context);
        sessions.delete(context.cookie(Authenticator.SESSION_COOKIE));
        context.header("Set-Cookie", Authenticator.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"
                + secure(context));
        context.status(204);
    }

    private static String secure(Context context) {
        return context.scheme().equals("https") ? "; Secure" : "";
    }
}
