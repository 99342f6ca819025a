package dev.loupe.query.execution;

/**
 * Parsing and classification of IP address literals, without any name lookup. IPv4 is a strict dotted quad
 * (four decimal parts 0..255, no leading zeros); IPv6 is RFC 4291 text (hex groups, one {@code ::}, an optional
 * trailing dotted quad), without zone ids.
 */
final class IpAddresses {
    /** RFC 5735 special-use IPv4 blocks: address, prefix length. */
    private static final long[][] RESERVED_BLOCKS = {
        {ipv4(0, 0, 0, 0), 8}, {ipv4(10, 0, 0, 0), 8}, {ipv4(127, 0, 0, 0), 8}, {ipv4(169, 254, 0, 0), 16},
        {ipv4(172, 16, 0, 0), 12}, {ipv4(192, 0, 0, 0), 24}, {ipv4(192, 0, 2, 0), 24}, {ipv4(192, 88, 99, 0), 24},
        {ipv4(192, 168, 0, 0), 16}, {ipv4(198, 18, 0, 0), 15}, {ipv4(198, 51, 100, 0), 24},
        {ipv4(203, 0, 113, 0), 24}, {ipv4(224, 0, 0, 0), 4}, {ipv4(240, 0, 0, 0), 4}
    };

    private IpAddresses() {}

    private static long ipv4(int a, int b, int c, int d) {
        return ((long) a << 24) | (b << 16) | (c << 8) | d;
    }

    /** The IPv4 address as an unsigned 32-bit number, or -1 when the text is not a dotted quad. */
    static long parseIpv4(String text) {
        if (text == null) {
            return -1;
        }
        int length = text.length();
        if (length < 7 || length > 15) {
            return -1;
        }
        long address = 0;
        int parts = 0;
        int index = 0;
        while (index <= length) {
            int start = index;
            int part = 0;
            while (index < length && text.charAt(index) >= '0' && text.charAt(index) <= '9') {
                part = part * 10 + (text.charAt(index) - '0');
                index++;
            }
            int digits = index - start;
            if (digits == 0 || digits > 3 || part > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return -1;
            }
            address = (address << 8) | part;
            parts++;
            if (index == length) {
                break;
            }
            if (text.charAt(index) != '.' || parts == 4) {
                return -1;
            }
            index++;
        }
        return parts == 4 ? address : -1;
    }

    /** The 16 bytes of an IPv6 address, or null when the text is not one. */
    static byte[] parseIpv6(String text) {
        if (text == null || text.length() < 2 || text.length() > 45 || text.indexOf(':') < 0) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int index = 0;
        int length = text.length();
        if (text.startsWith("::")) {
            gap = 0;
            index = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (index < length) {
            int start = index;
            int value = 0;
            while (index < length && Character.digit(text.charAt(index), 16) >= 0 && index - start < 5) {
                value = value * 16 + Character.digit(text.charAt(index), 16);
                index++;
            }
            if (index < length && text.charAt(index) == '.') {
                long ipv4 = parseIpv4(text.substring(start));
                if (ipv4 < 0 || count > 6) {
                    return null;
                }
                groups[count++] = (int) (ipv4 >>> 16);
                groups[count++] = (int) (ipv4 & 0xffff);
                index = length;
                break;
            }
            int digits = index - start;
            if (digits == 0 || digits > 4 || count == 8) {
                return null;
            }
            groups[count++] = value;
            if (index == length) {
                break;
            }
            if (text.charAt(index) != ':') {
                return null;
            }
            index++;
            if (index < length && text.charAt(index) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                index++;
            } else if (index == length) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int shift = gap < 0 ? 0 : 8 - count;
        for (int group = 0; group < count; group++) {
            int position = group < gap || gap < 0 ? group : group + shift;
            bytes[position * 2] = (byte) (groups[group] >>> 8);
            bytes[position * 2 + 1] = (byte) groups[group];
        }
        return bytes;
    }

    /** Whether an IPv4 address is in 10/8, 172.16/12 or 192.168/16 (RFC 1918). */
    static boolean isPrivate(long address) {
        return inBlock(address, ipv4(10, 0, 0, 0), 8) || inBlock(address, ipv4(172, 16, 0, 0), 12)
                || inBlock(address, ipv4(192, 168, 0, 0), 16);
    }

    /** Whether an IPv4 address is in one of the special-use blocks of RFC 5735 (private ones included). */
    static boolean isReserved(long address) {
        for (long[] block : RESERVED_BLOCKS) {
            if (inBlock(address, block[0], (int) block[1])) {
                return true;
            }
        }
        return false;
    }

    static boolean inBlock(long address, long network, int prefixLength) {
        long mask = mask(prefixLength);
        return (address & mask) == (network & mask);
    }

    /** The IPv4 netmask of a prefix length 0..32 as an unsigned 32-bit number. */
    static long mask(int prefixLength) {
        return prefixLength == 0 ? 0 : (0xffffffffL << (32 - prefixLength)) & 0xffffffffL;
    }

    static String formatIpv4(long address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
