package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One indicator of compromise as {@code sumo://threat/cs} answers it.
 *
 * @param indicator the key: an IP address, domain or URL as it appears in logs (matched ignoring case)
 * @param type the indicator type in CrowdStrike's words: {@code ip_address}, {@code ipv6}, {@code domain},
 *     {@code url}
 * @param actor the threat actor, or the empty text when none is attributed (the app shows "Unassigned")
 * @param confidence how sure the source is
 * @param labels label names such as {@code MaliciousConfidence/High} or {@code Source/IPsum}, written into
 *     {@code raw} as {@code labels[*].name}
 * @param source where the indicator came from, e.g. {@code IPsum} or a file name
 */
public record ThreatIndicator(String indicator, String type, String actor, ThreatConfidence confidence,
        List<String> labels, String source) {
    public ThreatIndicator {
        requireNonNull(indicator, "indicator is null");
        requireNonNull(type, "type is null");
        requireNonNull(actor, "actor is null");
        requireNonNull(confidence, "confidence is null");
        labels = List.copyOf(labels);
        requireNonNull(source, "source is null");
        if (indicator.isBlank()) {
            throw new IllegalArgumentException("indicator is blank");
        }
    }

    /** The CrowdStrike type of {@code indicator}: an IPv4 or IPv6 address, a URL, or else a domain. */
    public static String typeOf(String indicator) {
        if (Ipv4Addresses.parse(indicator) != Ipv4Addresses.INVALID) {
            return "ip_address";
        }
        if (indicator.indexOf(':') >= 0 && indicator.indexOf('/') < 0) {
            return "ipv6";
        }
        return indicator.contains("://") ? "url" : "domain";
    }
}
