package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;
import java.util.regex.Pattern;

/**
 * The predicate functions of spec §2.1/§2.18: each answers a boolean, except {@code isNaN}/{@code isInfinity}
 * on null or blank input (no result: null). {@code isPrivateIP}, {@code isPublicIP} and {@code isReservedIP} drop
 * the row ({@link RowDropped}) when the value is not an IPv4 address. Stateless.
 */
final class PredicateFunctions {
    /** Java number literal syntax: decimal, hex {@code 0x}, octal (leading 0), exponent, type suffix. */
    private static final Pattern JAVA_NUMBER = Pattern.compile("[+-]?(?:0[xX][0-9a-fA-F]+[lL]?|0[0-7]*[lL]?"
            + "|[1-9][0-9]*[lL]?|[0-9]+[fFdD]|(?:[0-9]+\\.[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?"
            + "|[0-9]+[eE][+-]?[0-9]+[fFdD]?)");

    private PredicateFunctions() {}

    static Object apply(Function function, Object[] arguments) {
        Object first = arguments[0];
        return switch (function) {
            case IS_NULL -> first == null;
            case IS_EMPTY -> first == null || Values.toText(first).isEmpty();
            case IS_BLANK -> first == null || Values.toText(first).isBlank();
            case IS_NUMERIC -> first instanceof Long || first instanceof Double
                    || first instanceof String text && JAVA_NUMBER.matcher(text).matches();
            case IS_NAN, IS_INFINITY -> special(function, first);
            case IS_VALID_IP -> {
                String text = Values.toText(first);
                yield IpAddresses.parseIpv4(text) >= 0 || IpAddresses.parseIpv6(text) != null;
            }
            case IS_VALID_IPV4 -> IpAddresses.parseIpv4(Values.toText(first)) >= 0;
            case IS_VALID_IPV6 -> IpAddresses.parseIpv6(Values.toText(first)) != null;
            case IS_PRIVATE_IP -> IpAddresses.isPrivate(ipv4OrDrop(first));
            case IS_PUBLIC_IP -> !IpAddresses.isReserved(ipv4OrDrop(first));
            case IS_RESERVED_IP -> IpAddresses.isReserved(ipv4OrDrop(first));
            case LUHN -> luhn(Values.toText(first));
            case CONTAINS -> contains(first, arguments[1]);
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    /** {@code contains}: case-sensitive substring test; both empty is true, exactly one empty is false. */
    static Boolean contains(Object text, Object part) {
        String whole = Values.toText(text);
        String piece = Values.toText(part);
        if (whole == null || piece == null) {
            return false;
        }
        if (whole.isEmpty() || piece.isEmpty()) {
            return whole.isEmpty() && piece.isEmpty();
        }
        return whole.contains(piece);
    }

    private static Boolean special(Function function, Object value) {
        double number;
        switch (value) {
            case null -> {
                return null;
            }
            case Long whole -> number = whole;
            case Double real -> number = real;
            default -> {
                String text = Values.toText(value).strip();
                if (text.isEmpty()) {
                    return null;
                }
                try {
                    number = Double.parseDouble(text);
                } catch (NumberFormatException notNumber) {
                    return false;
                }
            }
        }
        return function == Function.IS_NAN ? Double.isNaN(number) : Double.isInfinite(number);
    }

    private static long ipv4OrDrop(Object value) {
        long address = IpAddresses.parseIpv4(Values.toText(value));
        if (address < 0) {
            throw RowDropped.INSTANCE;
        }
        return address;
    }

    private static boolean luhn(String text) {
        if (text == null) {
            return false;
        }
        int sum = 0;
        int digits = 0;
        for (int index = text.length() - 1; index >= 0; index--) {
            char character = text.charAt(index);
            if (character < '0' || character > '9') {
                continue;
            }
            int digit = character - '0';
            if (digits % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            digits++;
        }
        return digits > 0 && sum % 10 == 0;
    }
}
