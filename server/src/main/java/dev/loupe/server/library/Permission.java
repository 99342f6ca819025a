package dev.loupe.server.library;

import java.util.EnumSet;
import java.util.Set;

/** A content permission, named as Sumo names it on the wire ({@code View}, {@code GrantView}, ...). */
public enum Permission {
    View,
    GrantView,
    Edit,
    GrantEdit,
    Manage,
    GrantManage;

    /** Every permission: what an owner, or an administrator in admin mode, holds. */
    public static Set<Permission> all() {
        return EnumSet.allOf(Permission.class);
    }

    /**
     * Parses a wire name, ignoring case.
     *
     * @throws IllegalArgumentException naming the value when it is not a permission
     */
    public static Permission parse(String name) {
        for (Permission permission : values()) {
            if (permission.name().equalsIgnoreCase(name)) {
                return permission;
            }
        }
        throw new IllegalArgumentException("not a content permission: '" + name + "' (expected one of View, "
                + "GrantView, Edit, GrantEdit, Manage, GrantManage)");
    }
}
