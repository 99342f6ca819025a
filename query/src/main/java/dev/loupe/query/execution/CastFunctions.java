package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.util.Locale;

/**
 * The casts of spec §1.5 and the hexadecimal conversions of §2.2: text that is not a number gives null, numbers
 * keep their value as far as the target type allows (Java narrowing for {@code toLong}/{@code toInt}). Stateless.
 */
final class CastFunctions {
    private static final int MAX_HEX_DIGITS = 16;

    private CastFunctions() {}

    static Object apply(Function function, Object[] arguments) {
        Object first = arguments[0];
        return switch (function) {
            case NUM, NUMBER, TO_DOUBLE -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : number.doubleValue();
            }
            case TO_LONG -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : number.longValue();
            }
            case TO_INT -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : (long) (number instanceof Long whole ? (int) (long) whole
                        : (int) number.doubleValue());
            }
            case TO_STRING -> Values.toText(first);
            case PARSE_HEX, HEX_TO_DEC -> parseHex(Values.toText(first));
            case DEC_TO_HEX -> {
                Number number = Values.toNumber(first);
                yield number == null ? null : Long.toHexString(number.longValue()).toUpperCase(Locale.ROOT);
            }
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    /** Up to 16 hex digits, optional {@code 0x}, read as a two's complement 64-bit number; else null. */
    static Long parseHex(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.isEmpty() || digits.length() > MAX_HEX_DIGITS) {
            return null;
        }
        for (int index = 0; index < digits.length(); index++) {
            if (Character.digit(digits.charAt(index), 16) < 0) {
                return null;
            }
        }
        return Long.parseUnsignedLong(digits, 16);
    }
}
