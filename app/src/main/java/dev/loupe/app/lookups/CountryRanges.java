package dev.loupe.app.lookups;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable IPv4 range to country table: sorted, non-overlapping inclusive ranges searched by binary search.
 * Thread-safe.
 */
final class CountryRanges {
    /* Design notes: three parallel primitive arrays (about 3.3 MB for the 334,000 shipped ranges) instead of objects,
     * so a lookup is one binary search over an int[] with no allocation. Addresses are unsigned 32-bit numbers; they
     * are stored XOR 0x80000000 so that plain signed int comparison orders them.
     *
     * The shipped file has nested ranges (about 6,800 of 334,000: a /32 inside a /22 of another country, the outer
     * range continuing after it). Reading flattens them with one sweep over the start-sorted ranges and a stack of
     * open ranges: the innermost (most recently started) range wins where ranges overlap. */
    private static final int BIAS = 0x80000000;

    private final int[] starts;
    private final int[] ends;
    private final short[] countryIndexes;
    private final String[] countryCodes;

    private CountryRanges(int[] starts, int[] ends, short[] countryIndexes, String[] countryCodes) {
        this.starts = starts;
        this.ends = ends;
        this.countryIndexes = countryIndexes;
        this.countryCodes = countryCodes;
    }

    /**
     * Reads {@code range_start,range_end,country_code} lines (dotted IPv4, inclusive, no header) sorted by start,
     * as in the shipped {@code geo-whois-asn-country-ipv4.csv}; where ranges overlap the later-starting one wins.
     *
     * @throws IOException when the text cannot be read
     * @throws IllegalArgumentException naming the line that is malformed or out of order
     */
    static CountryRanges read(InputStream input) throws IOException {
        int[] starts = new int[1 << 16];
        int[] ends = new int[1 << 16];
        short[] indexes = new short[1 << 16];
        Map<String, Short> indexByCode = new HashMap<>();
        List<String> codes = new ArrayList<>();
        int count = 0;
        long previousStart = -1;
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.US_ASCII), 1 << 16);
        int lineNumber = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int firstComma = line.indexOf(',');
            int secondComma = firstComma < 0 ? -1 : line.indexOf(',', firstComma + 1);
            if (secondComma < 0) {
                throw new IllegalArgumentException("line " + lineNumber + ": expected range_start,range_end,country_code: "
                        + line);
            }
            long start = Ipv4Addresses.parse(line.subSequence(0, firstComma));
            long end = Ipv4Addresses.parse(line.subSequence(firstComma + 1, secondComma));
            if (start == Ipv4Addresses.INVALID || end == Ipv4Addresses.INVALID || end < start) {
                throw new IllegalArgumentException("line " + lineNumber + ": not an IPv4 range: " + line);
            }
            if (start < previousStart) {
                throw new IllegalArgumentException("line " + lineNumber + ": range is out of order: " + line);
            }
            previousStart = start;
            String code = line.substring(secondComma + 1).strip();
            Short index = indexByCode.get(code);
            if (index == null) {
                index = (short) codes.size();
                indexByCode.put(code, index);
                codes.add(code);
            }
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                indexes = Arrays.copyOf(indexes, count * 2);
            }
            starts[count] = (int) start ^ BIAS;
            ends[count] = (int) end ^ BIAS;
            indexes[count] = index;
            count++;
        }
        return flatten(starts, ends, indexes, count, codes.toArray(String[]::new));
    }

    private static CountryRanges flatten(int[] starts, int[] ends, short[] indexes, int count, String[] codes) {
        int[] outStarts = new int[count + count / 8];
        int[] outEnds = new int[outStarts.length];
        short[] outIndexes = new short[outStarts.length];
        int outCount = 0;
        int[] open = new int[64];
        int openCount = 0;
        long cursor = 0;
        for (int row = 0; row <= count; row++) {
            long next = row < count ? unsigned(starts[row]) : 1L << 32;
            while (openCount > 0 && cursor < next) {
                int top = open[openCount - 1];
                long topEnd = unsigned(ends[top]);
                if (topEnd < cursor) {
                    openCount--;
                    continue;
                }
                long segmentEnd = Math.min(topEnd, next - 1);
                if (outCount == outStarts.length) {
                    outStarts = Arrays.copyOf(outStarts, outCount * 2);
                    outEnds = Arrays.copyOf(outEnds, outCount * 2);
                    outIndexes = Arrays.copyOf(outIndexes, outCount * 2);
                }
                outStarts[outCount] = (int) cursor ^ BIAS;
                outEnds[outCount] = (int) segmentEnd ^ BIAS;
                outIndexes[outCount] = indexes[top];
                outCount++;
                cursor = segmentEnd + 1;
            }
            if (row == count) {
                break;
            }
            cursor = Math.max(cursor, next);
            if (openCount == open.length) {
                open = Arrays.copyOf(open, openCount * 2);
            }
            open[openCount++] = row;
        }
        return new CountryRanges(Arrays.copyOf(outStarts, outCount), Arrays.copyOf(outEnds, outCount),
                Arrays.copyOf(outIndexes, outCount), codes);
    }

    private static long unsigned(int biased) {
        return (biased ^ BIAS) & 0xffffffffL;
    }

    /** The ISO 3166-1 alpha-2 code of the range holding {@code address} (unsigned 32-bit), or null when none does. */
    String countryCode(long address) {
        int key = (int) address ^ BIAS;
        int low = 0;
        int high = starts.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] <= key) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        // high is now the last range starting at or before the address
        return high >= 0 && key <= ends[high] ? countryCodes[countryIndexes[high]] : null;
    }

    /** The number of ranges. */
    int size() {
        return starts.length;
    }
}
