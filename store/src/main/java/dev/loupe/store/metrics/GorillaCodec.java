package dev.loupe.store.metrics;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Gorilla compression of one chunk of points (Pelkonen et al., "Gorilla: A Fast, Scalable, In-Memory Time Series
 * Database", VLDB 2015, §4.1). Stateless.
 *
 * <pre>
 * timestamps: the first as 64 bits; then each delta-of-delta (the first delta's "previous delta" is 0):
 *   0                      → '0'
 *   [-63, 64]              → '10'   + 7 bits
 *   [-255, 256]            → '110'  + 9 bits
 *   [-2047, 2048]          → '1110' + 12 bits
 *   otherwise              → '1111' + 64 bits   (any gap, irregular or out of order, round-trips)
 * values: the first as 64 bits; then value XOR previous value:
 *   0                      → '0'
 *   fits the previous window (leading zeros ≥ previous leading, trailing ≥ previous trailing)
 *                          → '10' + the meaningful bits of that window
 *   otherwise              → '11' + 6 bits leading zeros + 6 bits (meaningful length - 1) + the meaningful bits
 * </pre>
 * The paper uses 5 bits for leading zeros (capping at 31); 6 bits here keep the code simple and exact for any
 * XOR. Every double (-0.0, infinities, NaN payloads) round-trips bit for bit.
 */
final class GorillaCodec {
    private GorillaCodec() {}

    static byte[] encode(long[] timestamps, double[] values, int from, int to) {
        BitWriter writer = new BitWriter(Math.max(16, (to - from) * 3));
        if (to <= from) {
            return writer.toBytes();
        }
        long previousTime = timestamps[from];
        long previousDelta = 0;
        long previousBits = Double.doubleToRawLongBits(values[from]);
        int previousLeading = Integer.MAX_VALUE;
        int previousTrailing = 0;
        writer.write(previousTime, 64);
        writer.write(previousBits, 64);
        for (int index = from + 1; index < to; index++) {
            long delta = timestamps[index] - previousTime;
            long deltaOfDelta = delta - previousDelta;
            if (deltaOfDelta == 0) {
                writer.write(0, 1);
            } else if (deltaOfDelta >= -63 && deltaOfDelta <= 64) {
                writer.write(0b10, 2);
                writer.write(deltaOfDelta, 7);
            } else if (deltaOfDelta >= -255 && deltaOfDelta <= 256) {
                writer.write(0b110, 3);
                writer.write(deltaOfDelta, 9);
            } else if (deltaOfDelta >= -2047 && deltaOfDelta <= 2048) {
                writer.write(0b1110, 4);
                writer.write(deltaOfDelta, 12);
            } else {
                writer.write(0b1111, 4);
                writer.write(deltaOfDelta, 64);
            }
            previousDelta = delta;
            previousTime = timestamps[index];

            long bits = Double.doubleToRawLongBits(values[index]);
            long xor = bits ^ previousBits;
            if (xor == 0) {
                writer.write(0, 1);
            } else {
                int leading = Long.numberOfLeadingZeros(xor);
                int trailing = Long.numberOfTrailingZeros(xor);
                if (leading >= previousLeading && trailing >= previousTrailing) {
                    writer.write(0b10, 2);
                    writer.write(xor >>> previousTrailing, 64 - previousLeading - previousTrailing);
                } else {
                    int meaningful = 64 - leading - trailing;
                    writer.write(0b11, 2);
                    writer.write(leading, 6);
                    writer.write(meaningful - 1, 6);
                    writer.write(xor >>> trailing, meaningful);
                    previousLeading = leading;
                    previousTrailing = trailing;
                }
            }
            previousBits = bits;
        }
        return writer.toBytes();
    }

    /** Decodes {@code count} points into {@code timestamps}/{@code values} starting at {@code offset}. */
    static void decode(byte[] bytes, int count, long[] timestamps, double[] values, int offset) {
        decode(ByteBuffer.wrap(bytes), 0, count, timestamps, values, offset, Long.MAX_VALUE);
    }

    /**
     * Decodes the chunk at {@code source[position...]} (absolute reads; the buffer's position is not used) into
     * {@code timestamps}/{@code values} from {@code offset}, stopping before the first point at or after
     * {@code endExclusive}, since a chunk's points are in increasing time order.
     *
     * @return the number of points decoded, at most {@code count}
     */
    static int decode(ByteBuffer source, int position, int count, long[] timestamps, double[] values, int offset, long endExclusive) {
        if (count == 0) {
            return 0;
        }
        BitReader reader = new BitReader(source, position);
        long time = reader.read(64);
        long bits = reader.read(64);
        if (time >= endExclusive) {
            return 0;
        }
        long delta = 0;
        int leading = 0;
        int trailing = 0;
        timestamps[offset] = time;
        values[offset] = Double.longBitsToDouble(bits);
        for (int index = 1; index < count; index++) {
            long deltaOfDelta;
            if (reader.read(1) == 0) {
                deltaOfDelta = 0;
            } else if (reader.read(1) == 0) {
                deltaOfDelta = signed(reader.read(7), 7);
            } else if (reader.read(1) == 0) {
                deltaOfDelta = signed(reader.read(9), 9);
            } else if (reader.read(1) == 0) {
                deltaOfDelta = signed(reader.read(12), 12);
            } else {
                deltaOfDelta = reader.read(64);
            }
            delta += deltaOfDelta;
            time += delta;
            if (time >= endExclusive) {
                return index;
            }
            if (reader.read(1) == 1) {
                if (reader.read(1) == 1) {
                    leading = (int) reader.read(6);
                    int meaningful = (int) reader.read(6) + 1;
                    trailing = 64 - leading - meaningful;
                }
                bits ^= reader.read(64 - leading - trailing) << trailing;
            }
            timestamps[offset + index] = time;
            values[offset + index] = Double.longBitsToDouble(bits);
        }
        return count;
    }

    /** Sign-extends the low {@code width} bits (two's complement); values up to {@code 2^(width-1)} are kept positive. */
    private static long signed(long raw, int width) {
        long half = 1L << (width - 1);
        return raw > half ? raw - (1L << width) : raw;
    }

    private static final class BitWriter {
        private byte[] bytes;
        private long bitCount;

        BitWriter(int capacity) {
            bytes = new byte[capacity];
        }

        void write(long value, int width) {
            for (int bit = width - 1; bit >= 0; bit--) {
                int byteIndex = (int) (bitCount >>> 3);
                if (byteIndex == bytes.length) {
                    bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
                if (((value >>> bit) & 1) != 0) {
                    bytes[byteIndex] |= (byte) (0x80 >>> (bitCount & 7));
                }
                bitCount++;
            }
        }

        byte[] toBytes() {
            return Arrays.copyOf(bytes, (int) ((bitCount + 7) >>> 3));
        }
    }

    /**
     * Reads big-endian bit fields through a 64-bit window: the next unread bits sit left-aligned in {@code window},
     * {@code available} of them valid, refilled with one {@code getLong} (whole bytes only) when a read needs more.
     * Bits below {@code available} are zero or the stream's own next bits, so OR-ing a refill over them is exact.
     * This is the hot loop of every raw read (a few reads per point), hence no per-bit loop and no bounds logic on
     * the common path.
     */
    private static final class BitReader {
        private final ByteBuffer bytes;
        private final int limit;
        private int nextByte;
        private long window;
        private int available;

        BitReader(ByteBuffer bytes, int start) {
            this.bytes = bytes;
            this.limit = bytes.limit();
            this.nextByte = start;
        }

        long read(int width) {
            if (width > 56) {
                int high = width - 32;
                return read(high) << 32 | read(32);
            }
            if (width == 0) {
                return 0;
            }
            if (available < width) {
                refill();
            }
            long value = window >>> (64 - width);
            window <<= width;
            available -= width;
            return value;
        }

        private void refill() {
            if (nextByte + 8 <= limit) {
                window |= bytes.getLong(nextByte) >>> available;
                int taken = (64 - available) >>> 3;
                nextByte += taken;
                available += taken << 3;
            } else {
                while (available <= 56) {
                    long next = nextByte < limit ? bytes.get(nextByte) & 0xFFL : 0;
                    window |= next << (56 - available);
                    nextByte++;
                    available += 8;
                }
            }
        }
    }
}
