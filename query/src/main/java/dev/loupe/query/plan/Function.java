package dev.loupe.query.plan;

import dev.loupe.query.FieldType;
import java.util.Locale;

/**
 * The functions the engine evaluates, with their arity and static result type. {@code if}, {@code matches} and
 * {@code contains} are compiled into dedicated expressions and never reach evaluation as calls.
 */
public enum Function {
    IF("if", Group.SPECIAL, 3, 3, FieldType.STRING, true),
    MATCHES("matches", Group.SPECIAL, 2, 2, FieldType.BOOLEAN, false),
    CONCAT("concat", Group.STRING, 2, 16, FieldType.STRING, true),
    FORMAT("format", Group.STRING, 1, 17, FieldType.STRING, true),
    SUBSTRING("substring", Group.STRING, 2, 3, FieldType.STRING, false),
    LENGTH("length", Group.STRING, 1, 1, FieldType.LONG, false),
    REPLACE("replace", Group.STRING, 3, 3, FieldType.STRING, true),
    TO_LOWER_CASE("toLowerCase", Group.STRING, 1, 1, FieldType.STRING, false),
    TO_UPPER_CASE("toUpperCase", Group.STRING, 1, 1, FieldType.STRING, false),
    TRIM("trim", Group.STRING, 1, 1, FieldType.STRING, false),
    URL_DECODE("urldecode", Group.STRING, 1, 1, FieldType.STRING, false),
    URL_ENCODE("urlencode", Group.STRING, 1, 1, FieldType.STRING, false),
    BASE64_DECODE("base64Decode", Group.STRING, 1, 2, FieldType.STRING, false),
    BASE64_ENCODE("base64Encode", Group.STRING, 1, 2, FieldType.STRING, false),
    HEX_TO_ASCII("hexToAscii", Group.STRING, 1, 1, FieldType.STRING, false),
    HASH("hash", Group.STRING, 1, 2, FieldType.STRING, false),
    TO_URL("tourl", Group.STRING, 2, 4, FieldType.STRING, true),
    JSON_ARRAY_CONTAINS("jsonArrayContains", Group.STRING, 2, 2, FieldType.BOOLEAN, false),
    JSON_ARRAY_SIZE("jsonArraySize", Group.STRING, 1, 1, FieldType.LONG, false),
    IS_NULL("isNull", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_EMPTY("isEmpty", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_BLANK("isBlank", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_NUMERIC("isNumeric", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_NAN("isNaN", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_INFINITY("isInfinity", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_VALID_IP("isValidIP", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_VALID_IPV4("isValidIPv4", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_VALID_IPV6("isValidIPv6", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_PRIVATE_IP("isPrivateIP", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_PUBLIC_IP("isPublicIP", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    IS_RESERVED_IP("isReservedIP", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    LUHN("luhn", Group.PREDICATE, 1, 1, FieldType.BOOLEAN, false),
    CONTAINS("contains", Group.PREDICATE, 2, 2, FieldType.BOOLEAN, false),
    NUM("num", Group.CAST, 1, 1, FieldType.DOUBLE, false),
    NUMBER("number", Group.CAST, 1, 1, FieldType.DOUBLE, false),
    TO_LONG("toLong", Group.CAST, 1, 1, FieldType.LONG, false),
    TO_INT("toInt", Group.CAST, 1, 1, FieldType.LONG, false),
    TO_DOUBLE("toDouble", Group.CAST, 1, 1, FieldType.DOUBLE, false),
    TO_STRING("toString", Group.CAST, 1, 1, FieldType.STRING, false),
    PARSE_HEX("parseHex", Group.CAST, 1, 1, FieldType.LONG, false),
    HEX_TO_DEC("hexToDec", Group.CAST, 1, 1, FieldType.LONG, false),
    DEC_TO_HEX("decToHex", Group.CAST, 1, 1, FieldType.STRING, false),
    ABS("abs", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    ACOS("acos", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    ASIN("asin", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    ATAN("atan", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    ATAN2("atan2", Group.MATH, 2, 2, FieldType.DOUBLE, false),
    CBRT("cbrt", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    CEIL("ceil", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    COS("cos", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    COSH("cosh", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    EXP("exp", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    EXPM1("expm1", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    FLOOR("floor", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    HYPOT("hypot", Group.MATH, 2, 2, FieldType.DOUBLE, false),
    LOG("log", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    LOG10("log10", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    LOG1P("log1p", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    ROUND("round", Group.MATH, 1, 2, FieldType.DOUBLE, false),
    SIN("sin", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    SINH("sinh", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    SQRT("sqrt", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    TAN("tan", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    TANH("tanh", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    TO_DEGREES("toDegrees", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    TO_RADIANS("toRadians", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    POW("pow", Group.MATH, 2, 2, FieldType.DOUBLE, false),
    MIN("min", Group.MATH, 2, 2, FieldType.DOUBLE, false),
    MAX("max", Group.MATH, 2, 2, FieldType.DOUBLE, false),
    SIGNUM("signum", Group.MATH, 1, 1, FieldType.DOUBLE, false),
    HAVERSINE("haversine", Group.MATH, 4, 4, FieldType.DOUBLE, true),
    GET_CIDR_PREFIX("getCIDRPrefix", Group.IP, 2, 2, FieldType.STRING, false),
    COMPARE_CIDR_PREFIX("compareCIDRPrefix", Group.IP, 3, 3, FieldType.BOOLEAN, true),
    MASK_FROM_CIDR("maskFromCIDR", Group.IP, 1, 1, FieldType.STRING, true),
    IPV4_TO_NUMBER("ipv4ToNumber", Group.IP, 1, 1, FieldType.LONG, false),
    NOW("now", Group.TIME, 0, 0, FieldType.LONG, true),
    QUERY_START_TIME("queryStartTime", Group.TIME, 0, 0, FieldType.LONG, true),
    QUERY_END_TIME("queryEndTime", Group.TIME, 0, 0, FieldType.LONG, true),
    QUERY_TIME_RANGE("queryTimeRange", Group.TIME, 0, 0, FieldType.LONG, true),
    FORMAT_DATE("formatDate", Group.TIME, 1, 3, FieldType.STRING, false),
    PARSE_DATE("parseDate", Group.TIME, 2, 3, FieldType.LONG, false),
    FROM_MILLIS("fromMillis", Group.TIME, 1, 1, FieldType.LONG, false),
    FROM_SECONDS("fromSeconds", Group.TIME, 1, 1, FieldType.LONG, false),
    FROM_MICROS("fromMicros", Group.TIME, 1, 1, FieldType.LONG, false),
    FROM_NANOS("fromNanos", Group.TIME, 1, 1, FieldType.LONG, false),
    TO_MILLIS("toMillis", Group.TIME, 1, 1, FieldType.LONG, false);

    /** How the evaluator dispatches a call: one evaluating class per group. */
    public enum Group {
        /** {@code if} and {@code matches}: compiled into dedicated expressions. */
        SPECIAL,
        STRING,
        PREDICATE,
        CAST,
        MATH,
        IP,
        TIME
    }

    private final String displayName;
    private final Group group;
    private final int minimumArguments;
    private final int maximumArguments;
    private final FieldType resultType;
    private final boolean aliasRequired;

    Function(String displayName, Group group, int minimumArguments, int maximumArguments, FieldType resultType,
            boolean aliasRequired) {
        this.displayName = displayName;
        this.group = group;
        this.minimumArguments = minimumArguments;
        this.maximumArguments = maximumArguments;
        this.resultType = resultType;
        this.aliasRequired = aliasRequired;
    }

    /** The documented spelling, e.g. {@code toLowerCase}; calls match it case-insensitively. */
    public String displayName() {
        return displayName;
    }

    /** The group whose evaluator computes it. */
    public Group group() {
        return group;
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
