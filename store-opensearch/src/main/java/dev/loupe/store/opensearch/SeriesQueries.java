package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loupe.store.spi.metrics.SeriesMatcher;
import dev.loupe.store.spi.metrics.SeriesSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Translates a {@link SeriesSelector} into a query on the series index ({@link MetricIndices}) that selects exactly
 * what {@link SeriesMatcher} selects: the series documents hold every tag and metadata entry lower-cased as {@code
 * <key>\u001F<value>} ({@code tag_pairs}, {@code metadata_pairs}) and every value lower-cased ({@code tag_values},
 * {@code metadata_values}), so a {@code key=pattern} match is a wildcard query on the pairs in which only the
 * pattern's {@code *} is a wildcard. Values longer than {@link MetricIndices#MAX_VALUE_CHARS} are not indexed and
 * so never match. The store still checks every series read with {@link SeriesMatcher}. Stateless.
 */
final class SeriesQueries {
    private SeriesQueries() {}

    static JsonNode translate(SeriesSelector selector) {
        return switch (selector) {
            case SeriesSelector.All all -> ScopeQueries.matchAll();
            case SeriesSelector.TagMatch match -> {
                String key = ScopeQueries.escapeWildcards(lower(match.key())) + MetricIndices.SEPARATOR;
                yield either(MetricIndices.TAG_PAIRS, MetricIndices.METADATA_PAIRS, key + valuePattern(match.pattern()));
            }
            case SeriesSelector.AnyTagValue any -> either(MetricIndices.TAG_VALUES, MetricIndices.METADATA_VALUES,
                    valuePattern(any.pattern()));
            case SeriesSelector.And and -> ScopeQueries.bool("filter", translateAll(and.operands()));
            case SeriesSelector.Or or -> or.operands().isEmpty() ? ScopeQueries.matchNone()
                    : ScopeQueries.bool("should", translateAll(or.operands()));
            case SeriesSelector.Not not -> ScopeQueries.not(translate(not.operand()));
        };
    }

    private static List<JsonNode> translateAll(List<SeriesSelector> operands) {
        List<JsonNode> clauses = new ArrayList<>(operands.size());
        for (SeriesSelector operand : operands) {
            clauses.add(translate(operand));
        }
        return clauses;
    }

    /** A match of {@code pattern} (an OpenSearch wildcard pattern) on either field. */
    private static JsonNode either(String tagField, String metadataField, String pattern) {
        return ScopeQueries.bool("should", List.of(ScopeQueries.wildcard(tagField, pattern), ScopeQueries.wildcard(metadataField, pattern)));
    }

    /** A selector value pattern as an OpenSearch wildcard pattern: lower case, only {@code *} a wildcard. */
    private static String valuePattern(String pattern) {
        return lower(pattern).replace("\\", "\\\\").replace("?", "\\?");
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
