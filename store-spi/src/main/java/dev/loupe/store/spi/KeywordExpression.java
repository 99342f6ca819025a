package dev.loupe.store.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A scope (keyword search) expression as the store evaluates it. The query planner translates the scope part of a
 * query into this; {@link KeywordMatcher} defines its exact meaning.
 */
public sealed interface KeywordExpression {

    /** Matches every message (an empty scope or {@code *}). */
    record MatchAll() implements KeywordExpression {}

    /**
     * A keyword or quoted phrase matched against the terms of {@code _raw}, case-insensitively.
     *
     * <p>The text is split into terms by {@link KeywordTokenizer#queryTerms}; one term is a term match, several
     * must appear adjacent and in order (a phrase). {@code *} (zero or more characters) and {@code ?} (one
     * character) are wildcards within a term; a term that is only {@code *} stands for one whole term in a phrase.
     *
     * @param text the keyword as written, without quotes and with escapes resolved
     * @param quoted whether it was written as a {@code "quoted phrase"}
     */
    record Keyword(String text, boolean quoted) implements KeywordExpression {
        public Keyword {
            requireNonNull(text, "text is null");
        }
    }

    /**
     * {@code field=value}: the whole value of a metadata or custom field, compared case-insensitively, with
     * {@code *} wildcards anywhere. The pattern {@code *} alone means "the field is present".
     *
     * @param field the field name as written; matched case-insensitively ({@code _sourceCategory},
     *     {@code _sourceHost}, {@code _sourceName}, {@code _source}, {@code _collector}, or a custom field)
     * @param pattern the value pattern, without quotes
     */
    record FieldMatch(String field, String pattern) implements KeywordExpression {
        public FieldMatch {
            requireNonNull(field, "field is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    record And(List<KeywordExpression> operands) implements KeywordExpression {
        public And {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("And needs at least two operands: " + operands);
            }
        }
    }

    record Or(List<KeywordExpression> operands) implements KeywordExpression {
        public Or {
            operands = List.copyOf(operands);
            if (operands.size() < 2) {
                throw new IllegalArgumentException("Or needs at least two operands: " + operands);
            }
        }
    }

    record Not(KeywordExpression operand) implements KeywordExpression {
        public Not {
            requireNonNull(operand, "operand is null");
        }
    }
}
