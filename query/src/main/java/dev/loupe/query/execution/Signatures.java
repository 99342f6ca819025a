package dev.loupe.query.execution;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message signatures of {@code logreduce}, {@code logcompare} and {@code details}: a message's template with
 * its variable tokens masked, and a stable id per template. One instance per operator (it caches ids); not
 * thread-safe.
 *
 * <p>Algorithm: one left-to-right pass replaces each variable token by {@code *}. Variable tokens are, in order of
 * preference at a position: a quoted string not followed by {@code :} (JSON keys stay), a UUID, a run of 8 or more
 * hex digits (optionally {@code 0x}), and any run of word characters, {@code . : / -} that holds a digit (numbers,
 * IPv4 and IPv6 addresses with ports, timestamps, ids such as {@code user42}). Adjacent {@code *}s merge, runs of
 * white space become one space, and the ends are trimmed. Messages with the same template share a signature. The
 * id is the first 31 bits of the template's Murmur3 128-bit hash (UTF-8), so it is the same in every query.
 */
final class Signatures {
    private static final Pattern VARIABLE = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"(?!\\s*:)"
            + "|'(?:[^'\\\\]|\\\\.)*'"
            + "|\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b"
            + "|\\b(?:0x)?[0-9a-fA-F]{8,}\\b"
            + "|[\\w.:/-]*\\d[\\w.:/-]*");
    private static final Pattern REPEATED_WILDCARD = Pattern.compile("\\*+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, Long> ids = new HashMap<>();

    /** The template of {@code text} (null for null). */
    static String template(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = VARIABLE.matcher(text);
        String masked = matcher.replaceAll("*");
        masked = REPEATED_WILDCARD.matcher(masked).replaceAll("*");
        return SPACES.matcher(masked).replaceAll(" ").strip();
    }

    /** The id of a template. */
    long id(String template) {
        Long id = ids.get(template);
        if (id == null) {
            byte[] hash = Murmur3.hash128(template.getBytes(StandardCharsets.UTF_8));
            id = ByteBuffer.wrap(hash).getLong() >>> 33;
            ids.put(template, id);
        }
        return id;
    }
}
