package dev.loupe.ingest.metrics;

/**
 * A line (or record) that cannot become a point; its message is the reason reported to the client. Carries no
 * stack trace: it is an expected outcome of decoding, caught one level up and turned into a rejected line.
 */
final class MalformedLineException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedLineException(String reason) {
        super(reason, null, false, false);
    }
}
