package dev.loupe.store.spi.metrics;

import dev.loupe.core.Wildcards;
import java.util.Locale;
import java.util.Map;

/**
 * The reference meaning of a {@link SeriesSelector} for one series: every {@link MetricStore} must select exactly
 * the series this accepts. Stateless.
 */
public final class SeriesMatcher {
    private SeriesMatcher() {}

    /** Whether a series with these intrinsic tags and metadata is selected. */
    public static boolean matches(SeriesSelector selector, Map<String, String> tags, Map<String, String> metadata) {
        return switch (selector) {
            case SeriesSelector.All all -> true;
            case SeriesSelector.TagMatch match -> anyValue(tags, match.key(), match.pattern())
                    || anyValue(metadata, match.key(), match.pattern());
            case SeriesSelector.AnyTagValue any -> anyValue(tags, null, any.pattern()) || anyValue(metadata, null, any.pattern());
            case SeriesSelector.And and -> and.operands().stream().allMatch(operand -> matches(operand, tags, metadata));
            case SeriesSelector.Or or -> or.operands().stream().anyMatch(operand -> matches(operand, tags, metadata));
            case SeriesSelector.Not not -> !matches(not.operand(), tags, metadata);
        };
    }

    /** Whether some entry whose key equals {@code key} ignoring case (any key when null) has a matching value. */
    private static boolean anyValue(Map<String, String> entries, String key, String pattern) {
        String lowerPattern = pattern.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            if ((key == null || entry.getKey().equalsIgnoreCase(key))
                    && Wildcards.matches(lowerPattern, entry.getValue().toLowerCase(Locale.ROOT), false)) {
                return true;
            }
        }
        return false;
    }
}
