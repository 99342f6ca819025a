package dev.loupe.query.execution;

/**
 * MurmurHash3, x64 128-bit variant, seed 0: the {@code murmur3_128} algorithm of {@code hash()}. The result bytes
 * are h1 then h2, each little-endian, which is how Guava's {@code Hashing.murmur3_128()} prints a hash in hex.
 */
final class Murmur3 {
    /*
     * Design notes: a direct transcription of Austin Appleby's MurmurHash3_x64_128 (public domain,
     * https://github.com/aappleby/smhasher/blob/master/src/MurmurHash3.cpp): 16-byte blocks mixed into two 64-bit
     * lanes, then the tail, then the finalization mix (fmix64) of both lanes.
     */
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private Murmur3() {}

    /** The 16-byte hash of {@code data}. */
    static byte[] hash128(byte[] data) {
        long h1 = 0;
        long h2 = 0;
        int blocks = data.length / 16;
        for (int block = 0; block < blocks; block++) {
            long k1 = littleEndianLong(data, block * 16);
            long k2 = littleEndianLong(data, block * 16 + 8);
            h1 ^= mixK1(k1);
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= mixK2(k2);
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        long k1 = 0;
        long k2 = 0;
        int remaining = data.length - tail;
        for (int index = remaining - 1; index >= 8; index--) {
            k2 ^= (data[tail + index] & 0xffL) << ((index - 8) * 8);
        }
        for (int index = Math.min(remaining, 8) - 1; index >= 0; index--) {
            k1 ^= (data[tail + index] & 0xffL) << (index * 8);
        }
        if (remaining > 8) {
            h2 ^= mixK2(k2);
        }
        if (remaining > 0) {
            h1 ^= mixK1(k1);
        }
        h1 ^= data.length;
        h2 ^= data.length;
        h1 += h2;
        h2 += h1;
        h1 = finalMix(h1);
        h2 = finalMix(h2);
        h1 += h2;
        h2 += h1;
        byte[] result = new byte[16];
        for (int index = 0; index < 8; index++) {
            result[index] = (byte) (h1 >>> (index * 8));
            result[index + 8] = (byte) (h2 >>> (index * 8));
        }
        return result;
    }

    private static long littleEndianLong(byte[] data, int offset) {
        long value = 0;
        for (int index = 7; index >= 0; index--) {
            value = (value << 8) | (data[offset + index] & 0xffL);
        }
        return value;
    }

    private static long mixK1(long k1) {
        return Long.rotateLeft(k1 * C1, 31) * C2;
    }

    private static long mixK2(long k2) {
        return Long.rotateLeft(k2 * C2, 33) * C1;
    }

    private static long finalMix(long value) {
        long mixed = value;
        mixed ^= mixed >>> 33;
        mixed *= 0xff51afd7ed558ccdL;
        mixed ^= mixed >>> 33;
        mixed *= 0xc4ceb9fe1a85ec53L;
        mixed ^= mixed >>> 33;
        return mixed;
    }
}
