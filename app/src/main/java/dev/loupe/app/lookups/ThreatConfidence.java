package dev.loupe.app.lookups;

import java.util.Locale;

/**
 * How sure a source is that an indicator is malicious: the {@code threatlevel} column of {@code sumo://threat/cs}
 * ({@code malicious_confidence} in CrowdStrike's terms), written in lower case.
 */
public enum ThreatConfidence {
    LOW,
    MEDIUM,
    HIGH;

    /** At least this many IPsum lists make an address {@link #HIGH}. */
    public static final int HIGH_MINIMUM_LISTS = 5;
    /** At least this many IPsum lists (and fewer than {@link #HIGH_MINIMUM_LISTS}) make an address {@link #MEDIUM}. */
    public static final int MEDIUM_MINIMUM_LISTS = 3;

    /**
     * The confidence of an address that {@code lists} public blocklists name (IPsum's count): 5 or more high (about
     * 1,400 addresses of the shipped list), 3 or 4 medium (IPsum's own suggested cut-off, about 12,800), 1 or 2 low.
     */
    public static ThreatConfidence ofListCount(int lists) {
        if (lists >= HIGH_MINIMUM_LISTS) {
            return HIGH;
        }
        return lists >= MEDIUM_MINIMUM_LISTS ? MEDIUM : LOW;
    }

    /** The confidence of a STIX 2.1 {@code confidence} (0 to 100): 70 and up high, 30 to 69 medium, below low. */
    public static ThreatConfidence ofStixConfidence(int confidence) {
        if (confidence >= 70) {
            return HIGH;
        }
        return confidence >= 30 ? MEDIUM : LOW;
    }

    /**
     * Reads {@code high}, {@code medium} or {@code low} in any case, or a number: 0 to 100 as in
     * {@link #ofStixConfidence}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ThreatConfidence parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "high" -> HIGH;
            case "medium" -> MEDIUM;
            case "low" -> LOW;
            default -> {
                try {
                    yield ofStixConfidence(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("unknown threat confidence '" + text
                            + "' (expected high, medium, low or 0 to 100)", e);
                }
            }
        };
    }

    /** The value as the table shows it: {@code high}, {@code medium} or {@code low}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
