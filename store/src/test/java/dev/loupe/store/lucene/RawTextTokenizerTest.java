package dev.loupe.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.store.spi.KeywordTokenizer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

class RawTextTokenizerTest {
    private static final String ALPHABET = "aZ9_ .-@:/\t\n\u00dfI\u0130\u00c9\u4e2d\ud835\udc9c\u2028!?*\"\\";

    @Test
    void producesExactlyTheTermsOfKeywordTokenizer() throws IOException {
        long seed = Long.getLong("loupe.test.seed", new Random().nextLong());
        Random random = new Random(seed);
        try (RawTextAnalyzer analyzer = new RawTextAnalyzer()) {
            for (int round = 0; round < 2000; round++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int index = 0; index < length; index++) {
                    // Sometimes lands inside the surrogate pair: lone surrogates are tested too.
                    int codePoint = ALPHABET.codePointAt(random.nextInt(ALPHABET.length()));
                    text.appendCodePoint(codePoint);
                }
                assertThat(terms(analyzer, text.toString()))
                        .as("seed %d, text %s", seed, text)
                        .isEqualTo(KeywordTokenizer.terms(text.toString()));
            }
        }
    }

    private static List<String> terms(RawTextAnalyzer analyzer, String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(MessageDocuments.RAW, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }
}
