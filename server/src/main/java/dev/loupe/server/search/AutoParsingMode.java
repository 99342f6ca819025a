package dev.loupe.server.search;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code autoParsingMode} of a search job create request. {@code AutoParse} extracts the fields of JSON logs at
 * search time (so {@code event=login} finds {@code {"event":"login"}}); {@code Manual} searches only what is
 * indexed. Sumo's deprecated values are accepted: {@code intelligent} and {@code verbose} mean AutoParse,
 * {@code performance} means Manual.
 */
public enum AutoParsingMode {
    MANUAL,
    AUTO_PARSE;

    /** The mode a request names, ignoring case; empty for a value Sumo does not know. */
    static Optional<AutoParsingMode> of(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "autoparse", "intelligent", "verbose" -> Optional.of(AUTO_PARSE);
            case "manual", "performance" -> Optional.of(MANUAL);
            default -> Optional.empty();
        };
    }
}
