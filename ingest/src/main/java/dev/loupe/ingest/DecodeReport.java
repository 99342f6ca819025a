package dev.loupe.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the rejected lines and warnings of one decode, keeping only the first {@link #MAX_LISTED} of each so
 * that a huge file of bad lines cannot exhaust memory; the counts stay exact. Not thread-safe: one per decode.
 */
public final class DecodeReport {
    /** How many rejected lines, and how many warnings, are kept verbatim. */
    public static final int MAX_LISTED = 1_000;

    private final List<RejectedLine> rejected = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private long rejectedCount;
    private long warningCount;

    public void reject(int lineNumber, String reason) {
        rejectedCount++;
        if (rejected.size() < MAX_LISTED) {
            rejected.add(new RejectedLine(lineNumber, reason));
        }
    }

    public void warn(String warning) {
        warningCount++;
        if (warnings.size() < MAX_LISTED) {
            warnings.add(warning);
        }
    }

    public long rejectedCount() {
        return rejectedCount;
    }

    public long warningCount() {
        return warningCount;
    }

    /** The first {@link #MAX_LISTED} rejected lines. */
    public List<RejectedLine> rejected() {
        return List.copyOf(rejected);
    }

    /** The first {@link #MAX_LISTED} warnings, plus one line saying how many more there were. */
    public List<String> warnings() {
        if (warningCount <= warnings.size()) {
            return List.copyOf(warnings);
        }
        List<String> listed = new ArrayList<>(warnings);
        listed.add((warningCount - warnings.size()) + " more warnings not listed");
        return List.copyOf(listed);
    }
}
