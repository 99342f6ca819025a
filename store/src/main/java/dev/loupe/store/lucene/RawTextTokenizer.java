package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordTokenizer;
import java.io.IOException;
import java.util.Locale;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Lucene tokenizer producing exactly the terms of {@link KeywordTokenizer#terms}: runs of word characters, and
 * every other non-whitespace character alone, lower-cased with {@link Locale#ROOT}, one position each.
 *
 * <p>A term longer than Lucene's limit is skipped (leaving a position gap); such documents are flagged for
 * verification by {@link MessageDocuments}, so search stays exact.
 */
final class RawTextTokenizer extends Tokenizer {
    /** Terms of more chars than this may exceed Lucene's 32766-byte UTF-8 term limit. */
    static final int MAX_TERM_CHARS = 32766 / 3;

    private final CharTermAttribute termAttribute = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offsetAttribute = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute positionAttribute = addAttribute(PositionIncrementAttribute.class);
    private final StringBuilder textBuffer = new StringBuilder();
    private final char[] readBuffer = new char[4096];
    private String text;
    private int index;

    @Override
    public boolean incrementToken() throws IOException {
        clearAttributes();
        if (text == null) {
            readAll();
        }
        int skippedPositions = 0;
        int length = text.length();
        while (index < length) {
            int codePoint = text.codePointAt(index);
            int width = Character.charCount(codePoint);
            if (Character.isWhitespace(codePoint)) {
                index += width;
                continue;
            }
            int start = index;
            int end = index + width;
            if (KeywordTokenizer.isWordCharacter(codePoint)) {
                while (end < length) {
                    int next = text.codePointAt(end);
                    if (!KeywordTokenizer.isWordCharacter(next)) {
                        break;
                    }
                    end += Character.charCount(next);
                }
            }
            index = end;
            if (end - start > MAX_TERM_CHARS) {
                skippedPositions++;
                continue;
            }
            appendLowerCase(start, end);
            offsetAttribute.setOffset(correctOffset(start), correctOffset(end));
            positionAttribute.setPositionIncrement(1 + skippedPositions);
            return true;
        }
        return false;
    }

    /*
     * The term text lower-cased as String.toLowerCase(Locale.ROOT) does; ASCII terms (nearly all) are lower-cased
     * char by char into the attribute, without the two Strings the general case makes.
     */
    private void appendLowerCase(int start, int end) {
        char[] buffer = termAttribute.resizeBuffer(end - start);
        for (int position = start; position < end; position++) {
            char character = text.charAt(position);
            if (character >= 0x80) {
                termAttribute.setEmpty().append(text.substring(start, end).toLowerCase(Locale.ROOT));
                return;
            }
            buffer[position - start] = character >= 'A' && character <= 'Z' ? (char) (character + ('a' - 'A')) : character;
        }
        termAttribute.setLength(end - start);
    }

    private void readAll() throws IOException {
        textBuffer.setLength(0);
        int read;
        while ((read = input.read(readBuffer)) != -1) {
            textBuffer.append(readBuffer, 0, read);
        }
        text = textBuffer.toString();
        index = 0;
    }

    @Override
    public void end() throws IOException {
        super.end();
        int finalOffset = correctOffset(text == null ? 0 : text.length());
        offsetAttribute.setOffset(finalOffset, finalOffset);
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        text = null;
        index = 0;
    }
}
