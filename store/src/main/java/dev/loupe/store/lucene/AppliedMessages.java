package dev.loupe.store.lucene;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which message ids have been added to the indexes: every id below {@code watermark}, plus the ids in {@code
 * ranges} above it (batches that finished indexing before an earlier one). Stored in the commit user data of each
 * partition so replay can skip exactly the messages a commit already holds. Immutable.
 *
 * @param watermark every id below this has been applied
 * @param ranges disjoint half-open id ranges above {@code watermark}, ascending
 */
public record AppliedMessages(long watermark, List<IdRange> ranges) {
    static final String WATERMARK_KEY = "loupe.applied.watermark";
    static final String RANGES_KEY = "loupe.applied.ranges";

    /** Half-open range of message ids {@code [start, end)}. */
    public record IdRange(long start, long end) {
        public IdRange {
            if (end <= start) {
                throw new IllegalArgumentException("empty id range [" + start + ", " + end + ")");
            }
        }
    }

    public AppliedMessages {
        ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
        long previousEnd = watermark;
        for (IdRange range : ranges) {
            if (range.start() <= previousEnd) {
                throw new IllegalArgumentException("ranges must be ascending, disjoint and above the watermark: " + watermark + " " + ranges);
            }
            previousEnd = range.end();
        }
    }

    /** Whether the message with {@code id} has been applied. */
    public boolean contains(long id) {
        if (id < watermark) {
            return true;
        }
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            IdRange range = ranges.get(middle);
            if (id < range.start()) {
                high = middle - 1;
            } else if (id >= range.end()) {
                low = middle + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The id after the highest applied one. */
    public long end() {
        return ranges.isEmpty() ? watermark : ranges.getLast().end();
    }

    Map<String, String> toCommitData() {
        StringBuilder encoded = new StringBuilder();
        for (IdRange range : ranges) {
            if (!encoded.isEmpty()) {
                encoded.append(',');
            }
            encoded.append(range.start()).append('-').append(range.end());
        }
        return Map.of(WATERMARK_KEY, Long.toString(watermark), RANGES_KEY, encoded.toString());
    }

    static AppliedMessages fromCommitData(Map<String, String> commitData, String location) {
        String watermark = commitData.get(WATERMARK_KEY);
        String ranges = commitData.get(RANGES_KEY);
        if (watermark == null || ranges == null) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "the index commit in " + location
                    + " has no record of which messages it holds (commit user data " + commitData + ")");
        }
        try {
            List<IdRange> parsed = new ArrayList<>();
            if (!ranges.isEmpty()) {
                for (String range : ranges.split(",")) {
                    int dash = range.indexOf('-');
                    parsed.add(new IdRange(Long.parseLong(range.substring(0, dash)), Long.parseLong(range.substring(dash + 1))));
                }
            }
            return new AppliedMessages(Long.parseLong(watermark), parsed);
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "malformed applied-message record in the index commit in "
                    + location + ": " + commitData, malformed);
        }
    }
}
