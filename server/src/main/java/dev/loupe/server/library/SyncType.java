package dev.loupe.server.library;

import java.util.Optional;

/** The {@code type} discriminator of a {@code ContentSyncDefinition}, with the library item it becomes. */
public enum SyncType {
    FolderSyncDefinition(ItemType.Folder),
    DashboardV2SyncDefinition(ItemType.Dashboard),
    SavedSearchWithScheduleSyncDefinition(ItemType.Search),
    MetricsSavedSearchSyncDefinition(ItemType.Search),
    MetricsSearchSyncDefinition(ItemType.Search),
    LookupTableSyncDefinition(ItemType.Lookups),
    DashboardSyncDefinition(ItemType.Report),
    MewboardSyncDefinition(ItemType.Dashboard);

    private final ItemType itemType;

    SyncType(ItemType itemType) {
        this.itemType = itemType;
    }

    /** The item type an imported definition of this type gets. */
    public ItemType itemType() {
        return itemType;
    }

    /** The type named exactly {@code name}, if any. */
    public static Optional<SyncType> named(String name) {
        for (SyncType type : values()) {
            if (type.name().equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
