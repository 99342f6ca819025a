package dev.loupe.ingest;

import dev.loupe.core.LogMessage;
import java.util.List;

/**
 * The result of decoding one request body or file.
 *
 * @param messages the messages to append, in input order
 * @param rejected lines that were not kept (each with a reason); everything else was kept
 * @param warnings notes about lines that were kept but altered (e.g. invalid UTF-8 replaced by U+FFFD)
 */
public record DecodedPayload(List<LogMessage> messages, List<RejectedLine> rejected, List<String> warnings) {
    public DecodedPayload {
        messages = List.copyOf(messages);
        rejected = List.copyOf(rejected);
        warnings = List.copyOf(warnings);
    }
}
