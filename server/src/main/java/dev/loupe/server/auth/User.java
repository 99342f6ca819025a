package dev.loupe.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * A Loupe user as anyone may see it: never the password or its hash.
 *
 * @param id the stable id, 16 upper-case hex digits like Sumo's
 * @param name the unique sign-in name
 * @param email the e-mail address, or null
 * @param role what the user may do
 * @param createdMillis when the user was created, epoch ms
 */
public record User(String id, String name, String email, Role role, long createdMillis) {
    public User {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(role, "role is null");
    }

    /** Whether this user is an administrator. */
    public boolean isAdministrator() {
        return role == Role.ADMINISTRATOR;
    }
}
