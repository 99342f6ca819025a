package dev.loupe.query.plan;

import dev.loupe.query.FieldType;
import java.util.Locale;

/**
 * The functions the engine evaluates, with their arity and static result type. {@code if}, {@code matches} and
 * {@code contains} are compiled into dedicated expressions and never reach evaluation as calls.
 */
public enum Function {
    IS_NULL("isNull", 1, 1, FieldType.BOOLEAN, false),
    IS_EMPTY("isEmpty", 1, 1, FieldType.BOOLEAN, false),
    IS_BLANK("isBlank", 1, 1, FieldType.BOOLEAN, false),
    IF("if", 3, 3, FieldType.STRING, true),
    CONCAT("concat", 1, 16, FieldType.STRING, true),
    TO_LOWER_CASE("toLowerCase", 1, 1, FieldType.STRING, false),
    TO_UPPER_CASE("toUpperCase", 1, 1, FieldType.STRING, false),
    LENGTH("length", 1, 1, FieldType.LONG, false),
    SUBSTRING("substring", 2, 3, FieldType.STRING, false),
    REPLACE("replace", 3, 3, FieldType.STRING, true),
    TRIM("trim", 1, 1, FieldType.STRING, false),
    CONTAINS("contains", 2, 2, FieldType.BOOLEAN, false),
    NUM("num", 1, 1, FieldType.DOUBLE, false),
    NUMBER("number", 1, 1, FieldType.DOUBLE, false),
    TO_LONG("toLong", 1, 1, FieldType.LONG, false),
    TO_INT("toInt", 1, 1, FieldType.LONG, false),
    TO_DOUBLE("toDouble", 1, 1, FieldType.DOUBLE, false),
    TO_STRING("toString", 1, 1, FieldType.STRING, false),
    ABS("abs", 1, 1, FieldType.DOUBLE, false),
    ROUND("round", 1, 2, FieldType.DOUBLE, false),
    CEIL("ceil", 1, 1, FieldType.DOUBLE, false),
    FLOOR("floor", 1, 1, FieldType.DOUBLE, false),
    MIN("min", 2, 2, FieldType.DOUBLE, false),
    MAX("max", 2, 2, FieldType.DOUBLE, false),
    NOW("now", 0, 0, FieldType.LONG, false),
    QUERY_START_TIME("queryStartTime", 0, 0, FieldType.LONG, true),
    QUERY_END_TIME("queryEndTime", 0, 0, FieldType.LONG, true),
    MATCHES("matches", 2, 2, FieldType.BOOLEAN, false);

    private final String displayName;
    private final int minimumArguments;
    private final int maximumArguments;
    private final FieldType resultType;
    private final boolean aliasRequired;

    Function(String displayName, int minimumArguments, int maximumArguments, FieldType resultType,
            boolean aliasRequired) {
        this.displayName = displayName;
        this.minimumArguments = minimumArguments;
        this.maximumArguments = maximumArguments;
        this.resultType = resultType;
        this.aliasRequired = aliasRequired;
    }

    /** The documented spelling, e.g. {@code toLowerCase}; calls match it case-insensitively. */
    public String displayName() {
        return displayName;
    }

    public int minimumArguments() {
        return minimumArguments;
    }

    public int maximumArguments() {
        return maximumArguments;
    }

    /** The static type of the result, for result columns. */
    public FieldType resultType() {
        return resultType;
    }

    /** Whether a statement using it needs {@code as} (it cannot write back to its first argument). */
    public boolean aliasRequired() {
        return aliasRequired;
    }

    /** The function with that name (case-insensitive), or null. */
    public static Function byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Function function : values()) {
            if (function.displayName.toLowerCase(Locale.ROOT).equals(lower)) {
                return function;
            }
        }
        return null;
    }
}
