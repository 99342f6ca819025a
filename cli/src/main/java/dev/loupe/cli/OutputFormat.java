package dev.loupe.cli;

/** How {@code loupe query} prints results. */
enum OutputFormat {
    /** One JSON object per line: a message's fields, or a record. */
    JSON,
    /** Aligned columns for people. */
    TABLE,
    /** RFC 4180 CSV with a header row. */
    CSV
}
