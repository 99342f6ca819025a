package dev.loupe.store.opensearch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.KeywordTokenizer;
import dev.loupe.store.spi.StoredMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mapping between log messages and OpenSearch documents. Stateless.
 *
 * <ul>
 *   <li>{@code message_id}, {@code message_time}, {@code receipt_time}: {@code long}s (any epoch millisecond is
 *       valid, which a {@code date} is not);
 *   <li>{@code raw}: the message text, kept in {@code _source} only;
 *   <li>{@code terms}: the message's Sumo terms ({@link KeywordTokenizer#terms}, lower-cased by Loupe) joined by
 *       single spaces and indexed by a whitespace tokenizer, so the index holds exactly the reference's terms at
 *       consecutive positions; excluded from {@code _source}. A term longer than {@link #MAX_TERM_CHARS} is cut
 *       to that length and the document is flagged;
 *   <li>metadata ({@code source_category}, ...): {@code keyword}s as written (for aggregations), and lower-cased
 *       under {@code lower_<name>} for matching, when not empty;
 *   <li>{@code fields}: the custom fields as written, kept in {@code _source} only; {@code lower_fields} holds
 *       {@code <folded key><US><lower-cased value>} per non-empty value (US is U+001F);
 *   <li>{@code check}: true on documents whose index entries cannot answer every query exactly (an overlong term
 *       or value, custom keys equal ignoring case, text that is not well-formed UTF-16); scans check them with the
 *       reference matcher.
 * </ul>
 */
final class LogDocuments {
    static final String MESSAGE_ID = "message_id";
    static final String RAW = "raw";
    static final String TERMS = "terms";
    static final String MESSAGE_TIME = "message_time";
    static final String RECEIPT_TIME = "receipt_time";
    static final String FIELDS = "fields";
    static final String LOWER_FIELDS = "lower_fields";
    static final String CHECK = "check";
    static final List<String> METADATA = List.of("source_category", "source_name", "source_host", "source", "collector");
    static final List<String> QUERY_METADATA = List.of("_sourcecategory", "_sourcename", "_sourcehost", "_source", "_collector");
    static final String LOWER_PREFIX = "lower_";
    static final char KEY_SEPARATOR = '\u001F';
    /** Longest indexed raw term; Lucene's limit is 32766 UTF-8 bytes, 255 characters is well within it. */
    static final int MAX_TERM_CHARS = 255;
    /** Longest indexed metadata or custom field value, in characters (at most 4 UTF-8 bytes each). */
    static final int MAX_VALUE_CHARS = 8_000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory ESCAPING_JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private LogDocuments() {}

    /** Writes the document of one message as one line of JSON (no line break). */
    static void write(long id, LogMessage message, OutputStream out) throws IOException {
        boolean wellFormed = isWellFormed(message);
        // Strings with lone surrogates cannot be UTF-8: they travel as \\u escapes, which OpenSearch keeps in _source.
        try (JsonGenerator json = (wellFormed ? JSON : ESCAPING_JSON).createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            boolean check = !wellFormed;
            json.writeStartObject();
            json.writeNumberField(MESSAGE_ID, id);
            json.writeStringField(RAW, message.raw());
            check |= writeTerms(message.raw(), json);
            json.writeNumberField(MESSAGE_TIME, message.messageTime());
            json.writeNumberField(RECEIPT_TIME, message.receiptTime());
            List<String> metadata = metadataValues(message);
            for (int index = 0; index < METADATA.size(); index++) {
                String value = metadata.get(index);
                json.writeStringField(METADATA.get(index), value);
                if (!value.isEmpty()) {
                    String lowerCase = value.toLowerCase(Locale.ROOT);
                    if (lowerCase.length() > MAX_VALUE_CHARS) {
                        check = true;
                    } else {
                        json.writeStringField(LOWER_PREFIX + METADATA.get(index), lowerCase);
                    }
                }
            }
            json.writeObjectFieldStart(FIELDS);
            for (Map.Entry<String, String> field : message.fields().entrySet()) {
                json.writeStringField(field.getKey(), field.getValue());
            }
            json.writeEndObject();
            check |= writeLowerFields(message.fields(), json);
            if (check) {
                json.writeBooleanField(CHECK, true);
            }
            json.writeEndObject();
        }
    }

    private static boolean writeTerms(String raw, JsonGenerator json) throws IOException {
        boolean overlong = false;
        StringBuilder terms = new StringBuilder(raw.length() + 16);
        for (String term : KeywordTokenizer.terms(raw)) {
            if (!terms.isEmpty()) {
                terms.append(' ');
            }
            if (term.length() > MAX_TERM_CHARS) {
                overlong = true;
                int end = Character.isHighSurrogate(term.charAt(MAX_TERM_CHARS - 1)) ? MAX_TERM_CHARS - 1 : MAX_TERM_CHARS;
                terms.append(term, 0, end);
            } else {
                terms.append(term);
            }
        }
        json.writeStringField(TERMS, terms.toString());
        return overlong;
    }

    private static boolean writeLowerFields(Map<String, String> fields, JsonGenerator json) throws IOException {
        boolean check = false;
        Map<String, String> valueByFoldedKey = new HashMap<>();
        json.writeArrayFieldStart(LOWER_FIELDS);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            String foldedKey = foldKey(field.getKey());
            String previous = valueByFoldedKey.putIfAbsent(foldedKey, field.getValue());
            check |= previous != null && !previous.equals(field.getValue());
            check |= foldedKey.indexOf(KEY_SEPARATOR) >= 0;
            if (field.getValue().isEmpty()) {
                continue;
            }
            String lowerCase = field.getValue().toLowerCase(Locale.ROOT);
            if (foldedKey.length() + lowerCase.length() > MAX_VALUE_CHARS) {
                check = true;
            } else {
                json.writeString(foldedKey + KEY_SEPARATOR + lowerCase);
            }
        }
        json.writeEndArray();
        return check;
    }

    /** The folded form of a custom field key ({@link KeywordMatcher#foldFieldKey}). */
    static String foldKey(String key) {
        return KeywordMatcher.foldFieldKey(key);
    }

    /** The metadata of a message in the order of {@link #METADATA}. */
    static List<String> metadataValues(LogMessage message) {
        return List.of(message.sourceCategory(), message.sourceName(), message.sourceHost(), message.source(), message.collector());
    }

    /**
     * Reads one document's {@code _source} object; the parser stands on its {@code START_OBJECT} and is left on
     * the matching {@code END_OBJECT}.
     *
     * @return the stored message; {@code needsCheck[0]} is set to whether the document is flagged {@code check}
     */
    static StoredMessage read(JsonParser parser, boolean[] needsCheck) throws IOException {
        long id = -1;
        String raw = null;
        long messageTime = 0;
        long receiptTime = 0;
        String[] metadata = {"", "", "", "", ""};
        Map<String, String> fields = Map.of();
        needsCheck[0] = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (name) {
                case MESSAGE_ID -> id = parser.getLongValue();
                case RAW -> raw = parser.getText();
                case MESSAGE_TIME -> messageTime = parser.getLongValue();
                case RECEIPT_TIME -> receiptTime = parser.getLongValue();
                case CHECK -> needsCheck[0] = value == JsonToken.VALUE_TRUE;
                case FIELDS -> fields = readFields(parser);
                default -> {
                    int metadataIndex = METADATA.indexOf(name);
                    if (metadataIndex >= 0) {
                        metadata[metadataIndex] = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            }
        }
        if (id < 0 || raw == null) {
            throw new IOException("an OpenSearch log document without message_id or raw");
        }
        return new StoredMessage(id, new LogMessage(raw, messageTime, receiptTime, metadata[0], metadata[1], metadata[2],
                metadata[3], metadata[4], fields));
    }

    private static Map<String, String> readFields(JsonParser parser) throws IOException {
        Map<String, String> fields = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            fields.put(key, parser.getText());
        }
        return fields;
    }

    private static boolean isWellFormed(LogMessage message) {
        if (!isWellFormed(message.raw())) {
            return false;
        }
        for (String value : metadataValues(message)) {
            if (!isWellFormed(value)) {
                return false;
            }
        }
        for (Map.Entry<String, String> field : message.fields().entrySet()) {
            if (!isWellFormed(field.getKey()) || !isWellFormed(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWellFormed(String text) {
        for (int index = 0; index < text.length(); index++) {
            char character = text.charAt(index);
            if (Character.isHighSurrogate(character)) {
                if (index + 1 == text.length() || !Character.isLowSurrogate(text.charAt(index + 1))) {
                    return false;
                }
                index++;
            } else if (Character.isLowSurrogate(character)) {
                return false;
            }
        }
        return true;
    }
}
