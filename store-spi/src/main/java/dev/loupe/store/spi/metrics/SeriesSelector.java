package dev.loupe.store.spi.metrics;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Which series a metrics query reads: a boolean expression over tag matches (spec §4.2). {@link SeriesMatcher}
 * defines its exact meaning.
 */
public sealed interface SeriesSelector {

    /** Every series. */
    record All() implements SeriesSelector {}

    /**
     * {@code key=pattern}: the series has a tag (intrinsic or metadata) named {@code key} (ignoring case) whose
     * whole value matches {@code pattern} ignoring case, {@code *} matching any run of characters; {@code key=*}
     * means the tag is present.
     */
    record TagMatch(String key, String pattern) implements SeriesSelector {
        public TagMatch {
            requireNonNull(key, "key is null");
            requireNonNull(pattern, "pattern is null");
        }
    }

    /** A bare value (legacy form): some tag of the series has a value matching {@code pattern}. */
    record AnyTagValue(String pattern) implements SeriesSelector {
        public AnyTagValue {
            requireNonNull(pattern, "pattern is null");
        }
    }

    record And(List<SeriesSelector> operands) implements SeriesSelector {
        public And {
            operands = List.copyOf(operands);
        }
    }

    record Or(List<SeriesSelector> operands) implements SeriesSelector {
        public Or {
            operands = List.copyOf(operands);
        }
    }

    record Not(SeriesSelector operand) implements SeriesSelector {
        public Not {
            requireNonNull(operand, "operand is null");
        }
    }
}
