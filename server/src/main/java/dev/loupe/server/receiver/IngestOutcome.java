package dev.loupe.server.receiver;

import java.util.List;

/**
 * What happened to a receiver request that was accepted: how many messages were stored, which lines were
 * rejected and what was altered. Serialized as the response body when it is not {@link #clean()}.
 *
 * @param accepted messages stored
 * @param rejected lines not stored, each with a reason
 * @param warnings notes about lines stored in altered form
 */
public record IngestOutcome(int accepted, List<Rejection> rejected, List<String> warnings) {

    /** One rejected line: its 1-based number in the decoded body and why. */
    public record Rejection(int line, String reason) {}

    public IngestOutcome {
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }

    /** Whether everything was kept unchanged, so the reply is Sumo's plain empty 200. */
    public boolean clean() {
        return rejected.isEmpty() && warnings.isEmpty();
    }
}
