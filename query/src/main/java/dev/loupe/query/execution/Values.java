package dev.loupe.query.execution;

/**
 * The value rules of the language (spec §1.5): strings become numbers wherever a number is needed, {@code =}
 * compares numerically when both sides are numbers, string comparison is case-sensitive, null compares false.
 */
final class Values {
    private Values() {}

    /** The number a value stands for ({@link Long} or {@link Double}), or null when it is not numeric. */
    static Number toNumber(Object value) {
        return switch (value) {
            case Long number -> number;
            case Double number -> number;
            case Integer number -> number.longValue();
            case String text -> parseNumber(text);
            case null, default -> null;
        };
    }

    /** Parses decimal text; null unless the whole (trimmed) text is a number. */
    static Number parseNumber(String raw) {
        String text = raw.strip();
        int length = text.length();
        if (length == 0) {
            return null;
        }
        boolean integral = true;
        for (int index = 0; index < length; index++) {
            char character = text.charAt(index);
            if (character >= '0' && character <= '9') {
                continue;
            }
            if ((character == '-' || character == '+') && (index == 0 || text.charAt(index - 1) == 'e'
                    || text.charAt(index - 1) == 'E')) {
                continue;
            }
            if (character == '.' || character == 'e' || character == 'E') {
                integral = false;
                continue;
            }
            return null;
        }
        try {
            if (integral) {
                return Long.parseLong(text);
            }
            return Double.parseDouble(text);
        } catch (NumberFormatException notNumber) {
            return integral ? parseDouble(text) : null;
        }
    }

    /** Integral text beyond the long range, read as the nearest double. */
    private static Number parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException notNumber) {
            return null;
        }
    }

    /** The text of a value, or null. Whole doubles print without a fraction ({@code 3.0} is {@code "3"}). */
    static String toText(Object value) {
        return switch (value) {
            case null -> null;
            case String text -> text;
            case Double number -> formatDouble(number);
            default -> value.toString();
        };
    }

    static String formatDouble(double number) {
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }

    /** Whether a value counts as true in a condition: {@code true} or the text {@code "true"}. */
    static boolean isTrue(Object value) {
        return value instanceof Boolean bool ? bool : value instanceof String text && text.equalsIgnoreCase("true");
    }

    /** {@code =}: numeric when both sides are numbers, else case-sensitive text; false when either is null. */
    static boolean equal(Object left, Object right) {
        if (left == null || right == null) {
            return false;
        }
        if (left instanceof String leftText && right instanceof String rightText) {
            return leftText.equals(rightText);
        }
        Number leftNumber = toNumber(left);
        Number rightNumber = toNumber(right);
        if (leftNumber != null && rightNumber != null) {
            return compareNumbers(leftNumber, rightNumber) == 0;
        }
        return toText(left).equals(toText(right));
    }

    /**
     * Ordering for {@code < <= > >=}: numeric when both coerce to numbers; when one side is a typed number and the
     * other does not coerce, null (a numeric comparison with a failed coercion is false); text only when neither
     * side is a typed number; null when either side is null (the comparison is then false).
     */
    static Integer compareForCondition(Object left, Object right) {
        if (left == null || right == null) {
            return null;
        }
        Number leftNumber = toNumber(left);
        Number rightNumber = toNumber(right);
        if (leftNumber != null && rightNumber != null) {
            return compareNumbers(leftNumber, rightNumber);
        }
        if (left instanceof Number || right instanceof Number) {
            // A typed number on one side makes this a numeric comparison (spec §1.5); text that does not
            // coerce to a number gives null (§3), which compares false.
            return null;
        }
        return toText(left).compareTo(toText(right));
    }

    /**
     * Ordering for {@code sort}: by runtime type (numbers numerically, everything else as case-sensitive text;
     * numbers before text). Nulls are handled by the caller.
     */
    static int compareForSort(Object left, Object right) {
        boolean leftNumber = left instanceof Long || left instanceof Double;
        boolean rightNumber = right instanceof Long || right instanceof Double;
        if (leftNumber && rightNumber) {
            return compareNumbers((Number) left, (Number) right);
        }
        if (leftNumber != rightNumber) {
            return leftNumber ? -1 : 1;
        }
        return toText(left).compareTo(toText(right));
    }

    static int compareNumbers(Number left, Number right) {
        if (left instanceof Long leftLong && right instanceof Long rightLong) {
            return Long.compare(leftLong, rightLong);
        }
        return Double.compare(left.doubleValue(), right.doubleValue());
    }

    /** {@code in}: no string-to-number coercion; numbers compare numerically, everything else as exact text. */
    static boolean sameForIn(Object value, Object candidate) {
        if (value == null || candidate == null) {
            return false;
        }
        boolean valueNumber = value instanceof Long || value instanceof Double;
        boolean candidateNumber = candidate instanceof Long || candidate instanceof Double;
        if (valueNumber && candidateNumber) {
            return compareNumbers((Number) value, (Number) candidate) == 0;
        }
        if (valueNumber != candidateNumber) {
            return false;
        }
        return toText(value).equals(toText(candidate));
    }
}
