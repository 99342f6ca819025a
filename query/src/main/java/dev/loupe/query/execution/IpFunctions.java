package dev.loupe.query.execution;

import dev.loupe.query.plan.Function;

/**
 * The IP functions of spec §2.18 ({@code getCIDRPrefix}, {@code compareCIDRPrefix}, {@code maskFromCIDR},
 * {@code ipv4ToNumber}). An address that does not parse gives null; a prefix length that is not a whole number in
 * range is an error. Prefix lengths may be text ({@code "24"}, as documented) or numbers. Stateless.
 */
final class IpFunctions {
    private IpFunctions() {}

    static Object apply(Function function, Object[] arguments) {
        return switch (function) {
            case GET_CIDR_PREFIX -> {
                int prefix = prefixLength(function, arguments[1], 32);
                long address = IpAddresses.parseIpv4(Values.toText(arguments[0]));
                yield address < 0 ? null : IpAddresses.formatIpv4(address & IpAddresses.mask(prefix));
            }
            case COMPARE_CIDR_PREFIX -> compare(function, Values.toText(arguments[0]), Values.toText(arguments[1]),
                    arguments[2]);
            case MASK_FROM_CIDR -> IpAddresses.formatIpv4(IpAddresses.mask(prefixLength(function, arguments[0], 32)));
            case IPV4_TO_NUMBER -> {
                long address = IpAddresses.parseIpv4(Values.toText(arguments[0]));
                yield address < 0 ? null : address;
            }
            default -> throw FunctionFailure.notInGroup(function);
        };
    }

    private static Boolean compare(Function function, String first, String second, Object prefixValue) {
        long firstIpv4 = IpAddresses.parseIpv4(first);
        long secondIpv4 = IpAddresses.parseIpv4(second);
        if (firstIpv4 >= 0 && secondIpv4 >= 0) {
            long mask = IpAddresses.mask(prefixLength(function, prefixValue, 32));
            return (firstIpv4 & mask) == (secondIpv4 & mask);
        }
        byte[] firstIpv6 = IpAddresses.parseIpv6(first);
        byte[] secondIpv6 = IpAddresses.parseIpv6(second);
        if (firstIpv6 == null || secondIpv6 == null) {
            return null;
        }
        int prefix = prefixLength(function, prefixValue, 128);
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((firstIpv6[bit / 8] & mask) != (secondIpv6[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    private static int prefixLength(Function function, Object value, int maximum) {
        Number number = Values.toNumber(value);
        if (!(number instanceof Long length) || length < 0 || length > maximum) {
            throw FunctionFailure.of(function, "the prefix length must be a whole number from 0 to " + maximum, value);
        }
        return (int) (long) length;
    }
}
