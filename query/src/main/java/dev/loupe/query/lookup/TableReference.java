package dev.loupe.query.lookup;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A table as a query names it: {@code path://"/Library/Users/u/Table"}, {@code geo://location},
 * {@code asn://default}, {@code sumo://threat/cs}, an {@code https://...csv} URL or a classic shared file name.
 *
 * @param kind how the table is addressed
 * @param location the path, URL or name; for virtual tables the whole reference in lower case
 */
public record TableReference(Kind kind, String location) {

    /** How a table is addressed. */
    public enum Kind {
        /** {@code path://"/Library/..."}: a lookup table in the content library. */
        PATH,
        /** {@code http(s)://host/file.csv}: a classic CSV lookup file. */
        URL,
        /** {@code geo://location}. */
        GEO_LOCATION,
        /** {@code asn://default}. */
        ASN,
        /** {@code sumo://threat/cs}. */
        THREAT,
        /** A classic shared file name such as {@code shared/lookups/hosts}. */
        SHARED_FILE
    }

    public TableReference {
        requireNonNull(kind, "kind is null");
        requireNonNull(location, "location is null");
    }

    /** A library table at {@code path}. */
    public static TableReference path(String path) {
        return new TableReference(Kind.PATH, path);
    }

    /**
     * Reads a reference as written in a query (the text after {@code from}, with {@code path://} values unquoted).
     *
     * @throws IllegalArgumentException when the text is empty or uses an unknown {@code scheme://}
     */
    public static TableReference parse(String text) {
        String trimmed = text.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.isEmpty()) {
            throw new IllegalArgumentException("missing table reference");
        }
        if (lower.startsWith("path://")) {
            String path = trimmed.substring("path://".length());
            if (path.length() >= 2 && path.startsWith("\"") && path.endsWith("\"")) {
                path = path.substring(1, path.length() - 1);
            }
            return path(path);
        }
        return switch (lower) {
            case "geo://location", "geo://default" -> new TableReference(Kind.GEO_LOCATION, "geo://location");
            case "asn://default" -> new TableReference(Kind.ASN, lower);
            case "sumo://threat/cs" -> new TableReference(Kind.THREAT, lower);
            default -> {
                if (lower.startsWith("http://") || lower.startsWith("https://")) {
                    yield new TableReference(Kind.URL, trimmed);
                }
                if (lower.contains("://")) {
                    throw new IllegalArgumentException("unknown lookup table '" + trimmed
                            + "' (expected path://\"...\", geo://location, asn://default, sumo://threat/cs or a URL)");
                }
                yield new TableReference(Kind.SHARED_FILE, trimmed);
            }
        };
    }

    /** The reference as a user writes it. */
    public String display() {
        return switch (kind) {
            case PATH -> "path://\"" + location + "\"";
            case URL, GEO_LOCATION, ASN, THREAT, SHARED_FILE -> location;
        };
    }
}
