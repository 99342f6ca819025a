package dev.loupe.server.library;

/** Sumo's {@code itemType} of a library item, written as named. */
public enum ItemType {
    Folder,
    Search,
    Report,
    Dashboard,
    Lookups
}
