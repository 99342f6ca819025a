package dev.loupe.testing;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordTokenizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random log messages and keyword expressions drawn from a small vocabulary, so that queries actually match: the
 * input of the store equivalence tests ({@link LogStoreEquivalenceSuite}) and of store stress tests. Not
 * thread-safe; deterministic for a given {@link Random}.
 */
public final class RandomLogs {
    /** The start of the messages' time span (2026-11-20, UTC). */
    public static final long START = LocalDate.of(2026, 11, 20).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    /** The length of the messages' time span: five days. */
    public static final long SPAN = 5 * 86_400_000L;

    private static final List<String> WORDS = List.of("error", "Error", "ERROR", "warn", "user", "admin", "login",
            "failed", "success", "db", "timeout", "GET", "POST", "api", "v1", "10", "1", "123", "456", "1234567",
            "jsmith", "host", "com", "test", "TESTClientImpl", "a_b", "x", "Ünïcode", "straße");
    private static final List<String> PHRASES = List.of("10.1.1.123", "user@host.com", "jsmith@somewhere.com", "15:39",
            "com.test.services", "GET /api/v1", "status=404", "[error]", "a-b-c", "key=value,other=thing");
    private static final List<String> PUNCTUATION = List.of(".", "@", ":", "-", "/", "=", "[", "]", ",", "?", "!", "\"");
    private static final List<String> CATEGORIES = List.of("prod/web", "Prod/API", "dev/db", "", "prod/web/nginx");
    private static final List<String> HOSTS = List.of("web-1", "WEB-2", "db.internal", "");
    private static final List<String> FIELD_KEYS = List.of("env", "Env", "ENV", "cluster", "status_code");
    private static final List<String> FIELD_VALUES = List.of("prod", "Prod", "dev", "404", "200", "", "eu-west\\1");
    private static final List<String> QUERY_FIELDS = List.of("_sourceCategory", "_sourcecategory", "_SOURCEHOST",
            "_sourceName", "_source", "_collector", "env", "ENV", "cluster", "status_code", "missing");
    private static final List<String> FIELD_PATTERNS = List.of("*", "prod*", "*web*", "prod/web", "PROD/WEB", "4?4",
            "", "d*", "web-?", "*-1", "eu-west\\1", "prod", "dev", "200");

    private final Random random;

    /** Draws from {@code random}. */
    public RandomLogs(Random random) {
        this.random = random;
    }

    /** A random message in the time span, with random metadata and up to two custom fields. */
    public LogMessage message() {
        long messageTime = START + (long) (random.nextDouble() * SPAN);
        long receiptTime = messageTime + random.nextInt(3_600_000) - 600_000;
        Map<String, String> fields = new HashMap<>();
        int fieldCount = random.nextInt(3);
        for (int index = 0; index < fieldCount; index++) {
            String key = pick(FIELD_KEYS);
            fields.put(key, pick(FIELD_VALUES));
        }
        return new LogMessage(raw(), messageTime, receiptTime, pick(CATEGORIES), pick(List.of("app.log", "Access.log", "")),
                pick(HOSTS), pick(List.of("http", "Syslog", "")), pick(List.of("collector-a", "")), fields);
    }

    private String raw() {
        StringBuilder raw = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int index = 0; index < length; index++) {
            int kind = random.nextInt(10);
            String piece = kind < 6 ? pick(WORDS) : kind < 8 ? pick(PHRASES) : pick(PUNCTUATION);
            if (random.nextInt(400) == 0) {
                // Longer than a Lucene term may be: exercises the verification path.
                piece = "x".repeat(11_000) + pick(WORDS);
            }
            if (!raw.isEmpty() && random.nextInt(4) != 0) {
                raw.append(random.nextBoolean() ? " " : "  \t");
            }
            raw.append(piece);
        }
        return raw.toString();
    }

    /** A random scope expression nested at most {@code depth} deep, with keywords cut from {@code sample}. */
    public KeywordExpression expression(int depth, List<LogMessage> sample) {
        int kind = random.nextInt(depth <= 0 ? 6 : 10);
        return switch (kind) {
            case 0, 1, 2 -> keyword(sample);
            case 3 -> new KeywordExpression.Keyword(pick(PHRASES), random.nextBoolean());
            case 4 -> new KeywordExpression.FieldMatch(pick(QUERY_FIELDS), pick(FIELD_PATTERNS));
            case 5 -> random.nextInt(10) == 0 ? new KeywordExpression.MatchAll() : keyword(sample);
            case 6, 7 -> new KeywordExpression.And(operands(depth, sample));
            case 8 -> new KeywordExpression.Or(operands(depth, sample));
            default -> new KeywordExpression.Not(expression(depth - 1, sample));
        };
    }

    private List<KeywordExpression> operands(int depth, List<LogMessage> sample) {
        List<KeywordExpression> operands = new ArrayList<>();
        int count = 2 + random.nextInt(2);
        for (int index = 0; index < count; index++) {
            operands.add(expression(depth - 1, sample));
        }
        return operands;
    }

    /** A keyword or phrase cut from a sample message, sometimes with wildcards. */
    private KeywordExpression keyword(List<LogMessage> sample) {
        List<String> terms = KeywordTokenizer.terms(sample.get(random.nextInt(sample.size())).raw());
        if (terms.isEmpty()) {
            return new KeywordExpression.Keyword(pick(WORDS), false);
        }
        int length = random.nextInt(4) == 0 ? 1 + random.nextInt(Math.min(3, terms.size())) : 1;
        int start = random.nextInt(terms.size() - length + 1);
        List<String> chosen = new ArrayList<>();
        for (String term : terms.subList(start, start + length)) {
            chosen.add(random.nextInt(4) == 0 ? wildcard(term) : random.nextBoolean() ? term.toUpperCase(java.util.Locale.ROOT) : term);
        }
        return new KeywordExpression.Keyword(String.join(" ", chosen), random.nextBoolean());
    }

    private String wildcard(String term) {
        if (term.length() < 2 || !KeywordTokenizer.isWordCharacter(term.codePointAt(0))) {
            return "*";
        }
        return switch (random.nextInt(4)) {
            case 0 -> term.substring(0, term.length() / 2) + "*";
            case 1 -> "*" + term.substring(1);
            case 2 -> term.substring(0, term.length() - 1) + "?";
            default -> "*" + term.charAt(term.length() / 2) + "*";
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
