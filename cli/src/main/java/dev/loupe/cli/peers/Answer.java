package dev.loupe.cli.peers;

/**
 * What a peer found for a {@link Task}, reduced to counts that every tool can produce and compare.
 *
 * @param total the events that reached the task's grouping (or matched, for a search without grouping)
 * @param groups the distinct groups of the task's grouping (1 for a search without grouping)
 */
public record Answer(long total, long groups) {
    public Answer {
        if (total < 0 || groups < 0) {
            throw new IllegalArgumentException("counts must not be negative: " + total + ", " + groups);
        }
    }

    /** Whether {@code other} agrees with this answer on what {@code check} compares. */
    public boolean agreesWith(Answer other, Task.Check check) {
        return switch (check) {
            case TOTAL -> total == other.total;
            case TOTAL_AND_GROUPS -> total == other.total && groups == other.groups;
        };
    }

    @Override
    public String toString() {
        return total + " events / " + groups + " groups";
    }
}
