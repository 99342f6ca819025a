package dev.loupe.query.analyzer;

import dev.loupe.query.FieldType;
import dev.loupe.query.ast.Operator.AggregateFunction;
import java.math.BigDecimal;

/** Output types and name parts of aggregates (spec §2.3). */
final class AggregateNames {
    private AggregateNames() {}

    /** The column type of an aggregate whose input column has {@code inputType}. */
    static FieldType type(AggregateFunction function, FieldType inputType) {
        return switch (function) {
            case COUNT -> FieldType.INT;
            case COUNT_DISTINCT, COUNT_FREQUENT -> FieldType.LONG;
            case SUM, AVG, MIN, MAX, STDDEV, PCT, PCT_SAMPLING, MEDIAN -> FieldType.DOUBLE;
            case FIRST, LAST, MOST_RECENT, LEAST_RECENT -> inputType;
            case VALUES -> FieldType.STRING;
        };
    }

    /** A percentile as it appears in a column name: {@code 95}, {@code 99.9}, {@code 0.5}. */
    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
