package dev.loupe.server.auth;

/**
 * What a user may do. An {@link #ADMINISTRATOR} manages users, every access key and the HTTP sources; a
 * {@link #USER} searches, and manages only their own access keys and content.
 */
public enum Role {
    ADMINISTRATOR,
    USER;

    /** The role named {@code administrator} or {@code user} (any case). */
    public static Role of(String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown role '" + name + "': use administrator or user");
    }
}
