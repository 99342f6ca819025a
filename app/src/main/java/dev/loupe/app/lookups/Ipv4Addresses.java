package dev.loupe.app.lookups;

/** Reads dotted-quad IPv4 addresses without allocating. Stateless. */
final class Ipv4Addresses {
    /** What {@link #parse} answers for text that is not an IPv4 address. */
    static final long INVALID = -1;

    private Ipv4Addresses() {}

    /**
     * The address {@code a.b.c.d} as the unsigned number a·2^24 + b·2^16 + c·2^8 + d, or {@link #INVALID} when
     * {@code text} is not exactly four decimal parts of 0 to 255 (surrounding spaces are not allowed).
     */
    static long parse(CharSequence text) {
        int length = text.length();
        long address = 0;
        int part = -1;
        int parts = 0;
        int digits = 0;
        for (int index = 0; index <= length; index++) {
            char character = index < length ? text.charAt(index) : '.';
            if (character >= '0' && character <= '9') {
                part = (part < 0 ? 0 : part * 10) + (character - '0');
                digits++;
                if (digits > 3 || part > 255) {
                    return INVALID;
                }
            } else if (character == '.' && part >= 0) {
                address = (address << 8) | part;
                parts++;
                part = -1;
                digits = 0;
                if (parts > 4) {
                    return INVALID;
                }
            } else {
                return INVALID;
            }
        }
        return parts == 4 ? address : INVALID;
    }

    /**
     * Whether {@code address} can be on the public internet: false for 0/8, 10/8, 100.64/10 (shared), 127/8,
     * 169.254/16, 172.16/12, 192.168/16 and 224/3 (multicast and reserved).
     */
    static boolean isGlobal(long address) {
        int first = (int) (address >>> 24);
        int second = (int) (address >>> 16) & 0xff;
        return first != 0 && first != 10 && first != 127 && first < 224
                && !(first == 100 && second >= 64 && second < 128)
                && !(first == 169 && second == 254)
                && !(first == 172 && second >= 16 && second < 32)
                && !(first == 192 && second == 168);
    }

    /** The dotted-quad text of an unsigned 32-bit address. */
    static String format(long address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "." + ((address >>> 8) & 0xff) + "."
                + (address & 0xff);
    }
}
