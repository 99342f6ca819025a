package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The math functions of spec §2.1/§2.18: {@link Math} semantics on doubles (trigonometry in radians, {@code log}
 * natural), with longs kept where the function keeps integers ({@code abs}, {@code min}, {@code max},
 * {@code round}). A null or non-numeric argument gives null. Stateless.
 */
final class MathFunctions {
    /**
     * Earth radius in km. 6372.8 (not the mean 6371.0) reproduces the spec's example: (39.04380, -77.48790) to
     * (45.73723, -119.81143) is 3512.71 km.
     */
    private static final double EARTH_RADIUS_KM = 6372.8;
    /** Doubles at or beyond this magnitude are already whole and do not fit a long. */
    private static final double LONG_RANGE = 0x1p63;

    private MathFunctions() {}

    static Object apply(Function function, Object[] arguments) {
        Number first = Values.toNumber(arguments[0]);
        if (first == null) {
            return null;
        }
        Number second = arguments.length > 1 ? Values.toNumber(arguments[1]) : null;
        if (arguments.length > 1 && second == null) {
            return null;
        }
        double value = first.doubleValue();
        return switch (function) {
            case ABS -> first instanceof Long whole && whole != Long.MIN_VALUE ? (Object) Math.abs(whole)
                    : (Object) Math.abs(value);
            case ACOS -> Math.acos(value);
            case ASIN -> Math.asin(value);
            case ATAN -> Math.atan(value);
            case ATAN2 -> Math.atan2(value, second.doubleValue());
            case CBRT -> Math.cbrt(value);
            case CEIL -> Math.ceil(value);
            case COS -> Math.cos(value);
            case COSH -> Math.cosh(value);
            case EXP -> Math.exp(value);
            case EXPM1 -> Math.expm1(value);
            case FLOOR -> Math.floor(value);
            case HYPOT -> Math.hypot(value, second.doubleValue());
            case LOG -> Math.log(value);
            case LOG10 -> Math.log10(value);
            case LOG1P -> Math.log1p(value);
            case ROUND -> arguments.length == 1 ? round(first) : round(function, value, second);
            case SIN -> Math.sin(value);
            case SINH -> Math.sinh(value);
            case SQRT -> Math.sqrt(value);
            case TAN -> Math.tan(value);
            case TANH -> Math.tanh(value);
            case TO_DEGREES -> Math.toDegrees(value);
            case TO_RADIANS -> Math.toRadians(value);
            case POW -> Math.pow(value, second.doubleValue());
            case MIN, MAX -> minMax(function == Function.MIN, first, second);
            case SIGNUM -> Math.signum(value);
            case HAVERSINE -> haversine(arguments);
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    /** {@code round(x)}: the closest long (halves up, as {@link Math#round(double)}); huge or special doubles stay. */
    private static Object round(Number number) {
        if (number instanceof Long) {
            return number;
        }
        double value = number.doubleValue();
        if (Double.isNaN(value) || Math.abs(value) >= LONG_RANGE) {
            return value;
        }
        return Math.round(value);
    }

    /** {@code round(x, digits)}: half up on the decimal text of x, so {@code round(1.005, 2)} is 1.01. */
    private static Object round(Function function, double value, Number digits) {
        if (!(digits instanceof Long places) || Math.abs(places) > 340) {
            throw FunctionFailure.of(function, "the number of digits must be a whole number", digits);
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        return BigDecimal.valueOf(value).setScale((int) (long) places, RoundingMode.HALF_UP).doubleValue();
    }

    private static Object minMax(boolean minimum, Number left, Number right) {
        int comparison = Values.compareNumbers(left, right);
        Number chosen = (comparison <= 0) == minimum ? left : right;
        if (left instanceof Long && right instanceof Long) {
            return chosen;
        }
        return chosen.doubleValue();
    }

    private static Object haversine(Object[] arguments) {
        double[] degrees = new double[4];
        for (int index = 0; index < 4; index++) {
            Number number = Values.toNumber(arguments[index]);
            if (number == null) {
                return null;
            }
            degrees[index] = number.doubleValue();
        }
        double latitude1 = Math.toRadians(degrees[0]);
        double latitude2 = Math.toRadians(degrees[2]);
        double latitudeDelta = latitude2 - latitude1;
        double longitudeDelta = Math.toRadians(degrees[3] - degrees[1]);
        double a = Math.pow(Math.sin(latitudeDelta / 2), 2)
                + Math.cos(latitude1) * Math.cos(latitude2) * Math.pow(Math.sin(longitudeDelta / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(a));
    }
}
