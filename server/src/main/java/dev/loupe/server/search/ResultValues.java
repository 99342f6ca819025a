package dev.loupe.server.search;

import java.math.BigDecimal;

/** Renders query result values as the strings the Search Job API sends for every value. */
final class ResultValues {
    private ResultValues() {}

    /**
     * The wire string of a non-null value: strings as they are, integers in decimal, booleans as
     * {@code true}/{@code false}, doubles in plain notation without a trailing {@code .0} (so {@code 90.0} is
     * {@code "90"}, and {@code 1e-7} is {@code "0.0000001"}); NaN and infinities as Java spells them.
     */
    static String asString(Object value) {
        if (value instanceof Double number) {
            double primitive = number;
            if (Double.isNaN(primitive) || Double.isInfinite(primitive)) {
                return number.toString();
            }
            return BigDecimal.valueOf(primitive).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }
}
