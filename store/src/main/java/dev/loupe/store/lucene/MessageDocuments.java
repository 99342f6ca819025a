package dev.loupe.store.lucene;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.KeywordTokenizer;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.wal.MessageCodec;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping between log messages and Lucene documents. Stateless.
 *
 * <ul>
 *   <li>{@code _raw}: stored, and indexed with positions by {@link RawTextAnalyzer};
 *   <li>{@code _messagetime}, {@code _receipttime}: {@link LongField} (points, doc values, stored);
 *   <li>{@code _messageid}: stored;
 *   <li>metadata ({@code _sourcecategory}, ...): stored under its name with original case, indexed lower-cased
 *       under {@code k.<name>} when not empty;
 *   <li>custom fields: stored as ordered {@code _fieldkey}/{@code _fieldvalue} pairs, indexed lower-cased under
 *       {@code f.<folded key>} when not empty ({@link #foldKey});
 *   <li>{@code _verify}: present on documents whose index terms cannot answer every query exactly (a term longer
 *       than Lucene allows, or two custom field keys that are equal ignoring case with different values); scans
 *       check such documents with the reference matcher.
 * </ul>
 *
 * <p>Strings that are not well-formed UTF-16 are stored as UTF-16 bytes, since stored strings go through UTF-8.
 */
final class MessageDocuments {
    static final String ID = "_messageid";
    static final String RAW = "_raw";
    static final String MESSAGE_TIME = "_messagetime";
    static final String RECEIPT_TIME = "_receipttime";
    static final String FIELD_KEY = "_fieldkey";
    static final String FIELD_VALUE = "_fieldvalue";
    static final String VERIFY = "_verify";
    static final String VERIFY_VALUE = "1";
    static final List<String> METADATA = List.of("_sourcecategory", "_sourcename", "_sourcehost", "_source", "_collector");
    private static final String METADATA_PREFIX = "k.";
    private static final String CUSTOM_PREFIX = "f.";

    private MessageDocuments() {}

    static Document toDocument(long id, LogMessage message) {
        Document document = new Document();
        document.add(new StoredField(ID, id));
        boolean verify = hasOverlongTerm(message.raw());
        if (MessageCodec.isWellFormed(message.raw())) {
            document.add(new TextField(RAW, message.raw(), Field.Store.YES));
        } else {
            document.add(new TextField(RAW, message.raw(), Field.Store.NO));
            document.add(new StoredField(RAW, utf16(message.raw())));
        }
        document.add(new LongField(MESSAGE_TIME, message.messageTime(), Field.Store.YES));
        document.add(new LongField(RECEIPT_TIME, message.receiptTime(), Field.Store.YES));
        List<String> metadata = metadataValues(message);
        for (int index = 0; index < METADATA.size(); index++) {
            String name = METADATA.get(index);
            String value = metadata.get(index);
            storeString(document, name, value);
            verify |= indexValue(document, METADATA_PREFIX + name, value);
        }
        Map<String, String> valueByFoldedKey = new HashMap<>();
        for (Map.Entry<String, String> field : message.fields().entrySet()) {
            storeString(document, FIELD_KEY, field.getKey());
            storeString(document, FIELD_VALUE, field.getValue());
            String foldedKey = foldKey(field.getKey());
            verify |= indexValue(document, CUSTOM_PREFIX + foldedKey, field.getValue());
            String previous = valueByFoldedKey.putIfAbsent(foldedKey, field.getValue());
            verify |= previous != null && !previous.equals(field.getValue());
        }
        if (verify) {
            document.add(new StringField(VERIFY, VERIFY_VALUE, Field.Store.YES));
        }
        return document;
    }

    static StoredMessage fromDocument(Document document) {
        long id = -1;
        String raw = null;
        long messageTime = 0;
        long receiptTime = 0;
        String[] metadata = {"", "", "", "", ""};
        Map<String, String> fields = new HashMap<>();
        String pendingKey = null;
        for (IndexableField field : document.getFields()) {
            switch (field.name()) {
                case ID -> id = field.numericValue().longValue();
                case RAW -> raw = readString(field);
                case MESSAGE_TIME -> messageTime = field.numericValue().longValue();
                case RECEIPT_TIME -> receiptTime = field.numericValue().longValue();
                case FIELD_KEY -> pendingKey = readString(field);
                case FIELD_VALUE -> {
                    assert pendingKey != null : "custom field value without key in document " + id;
                    fields.put(pendingKey, readString(field));
                    pendingKey = null;
                }
                case VERIFY -> {
                    // Only a hint for scans; not part of the message.
                }
                default -> {
                    int metadataIndex = METADATA.indexOf(field.name());
                    assert metadataIndex >= 0 : "unexpected stored field " + field.name();
                    metadata[metadataIndex] = readString(field);
                }
            }
        }
        assert id >= 0 && raw != null : "document without id or _raw";
        return new StoredMessage(id, new LogMessage(raw, messageTime, receiptTime, metadata[0], metadata[1], metadata[2],
                metadata[3], metadata[4], fields));
    }

    static boolean needsVerification(Document document) {
        return document.get(VERIFY) != null;
    }

    /** The indexed field holding the lower-cased value of the metadata or custom field a query names. */
    static String indexedFieldName(String field) {
        String lowerCase = field.toLowerCase(Locale.ROOT);
        return METADATA.contains(lowerCase) ? METADATA_PREFIX + lowerCase : CUSTOM_PREFIX + foldKey(field);
    }

    /** The folded form of a custom field key ({@link KeywordMatcher#foldFieldKey}). */
    static String foldKey(String key) {
        return KeywordMatcher.foldFieldKey(key);
    }

    private static List<String> metadataValues(LogMessage message) {
        return List.of(message.sourceCategory(), message.sourceName(), message.sourceHost(), message.source(), message.collector());
    }

    /** Indexes the lower-cased value unless it is empty; returns true when it is too long to index (so the document needs verification). */
    private static boolean indexValue(Document document, String name, String value) {
        if (value.isEmpty()) {
            return false;
        }
        String lowerCase = value.toLowerCase(Locale.ROOT);
        if (lowerCase.length() > RawTextTokenizer.MAX_TERM_CHARS) {
            return true;
        }
        document.add(new StringField(name, lowerCase, Field.Store.NO));
        return false;
    }

    private static boolean hasOverlongTerm(String raw) {
        int run = 0;
        for (int index = 0; index < raw.length(); ) {
            int codePoint = raw.codePointAt(index);
            run = KeywordTokenizer.isWordCharacter(codePoint) ? run + Character.charCount(codePoint) : 0;
            if (run > RawTextTokenizer.MAX_TERM_CHARS) {
                return true;
            }
            index += Character.charCount(codePoint);
        }
        return false;
    }

    private static void storeString(Document document, String name, String value) {
        if (MessageCodec.isWellFormed(value)) {
            document.add(new StoredField(name, value));
        } else {
            document.add(new StoredField(name, utf16(value)));
        }
    }

    /** The UTF-16 code units of {@code value}, big-endian; unlike a charset encoder this keeps unpaired surrogates. */
    private static BytesRef utf16(String value) {
        ByteBuffer bytes = ByteBuffer.allocate(value.length() * 2);
        bytes.asCharBuffer().put(value);
        return new BytesRef(bytes.array());
    }

    private static String readString(IndexableField field) {
        String value = field.stringValue();
        if (value != null) {
            return value;
        }
        BytesRef bytes = field.binaryValue();
        ByteBuffer buffer = ByteBuffer.wrap(bytes.bytes, bytes.offset, bytes.length);
        char[] chars = new char[bytes.length / 2];
        buffer.asCharBuffer().get(chars);
        return new String(chars);
    }
}
