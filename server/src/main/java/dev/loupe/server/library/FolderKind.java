package dev.loupe.server.library;

/**
 * The role a folder plays in the tree. The system folders exist once each (users' personal folders once per
 * user) and cannot be deleted, moved or renamed.
 */
public enum FolderKind {
    /** {@code /Library}: the root. */
    LIBRARY,
    /** {@code /Library/Users}: the parent of every personal folder. */
    USERS,
    /** {@code /Library/Users/<login>}: one user's private folder, named "Personal". */
    PERSONAL,
    /** {@code /Library/Admin Recommended}: readable by everyone, writable by administrators. */
    ADMIN_RECOMMENDED,
    /** Any other item, folder or not. */
    ORDINARY;

    /** Whether this is one of the folders Loupe creates itself. */
    public boolean isSystem() {
        return this != ORDINARY;
    }
}
