package dev.loupe.server.library;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Who a library request acts for: the authenticated principal seen by the library.
 *
 * @param userId the stable id of the user; owner of their personal folder and of what they create
 * @param login the user's login, the name of their folder in paths ({@code /Library/Users/<login>})
 * @param administrator whether the user may administer the library
 * @param roleIds the ids of the user's roles, for role permission grants
 * @param adminMode whether the request carried {@code isAdminMode: true}; only counts for an administrator
 */
public record LibraryCaller(String userId, String login, boolean administrator, Set<String> roleIds,
        boolean adminMode) {
    public LibraryCaller {
        requireNonNull(userId, "userId is null");
        requireNonNull(login, "login is null");
        roleIds = Set.copyOf(requireNonNull(roleIds, "roleIds is null"));
    }

    /** Whether this caller acts as administrator: an administrator who asked for admin mode. */
    public boolean actsAsAdministrator() {
        return administrator && adminMode;
    }

    /** The same caller with admin mode set as given. */
    public LibraryCaller withAdminMode(boolean mode) {
        return new LibraryCaller(userId, login, administrator, roleIds, mode);
    }
}
