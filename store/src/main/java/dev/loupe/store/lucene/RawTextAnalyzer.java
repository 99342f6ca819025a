package dev.loupe.store.lucene;

import org.apache.lucene.analysis.Analyzer;

/** The analyzer of {@code _raw}: {@link RawTextTokenizer} alone, Sumo Logic's keyword tokenisation. Thread-safe. */
final class RawTextAnalyzer extends Analyzer {
    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        return new TokenStreamComponents(new RawTextTokenizer());
    }
}
