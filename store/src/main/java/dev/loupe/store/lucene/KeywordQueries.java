package dev.loupe.store.lucene;

import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.KeywordTokenizer;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Translates a {@link KeywordExpression} into Lucene queries over the fields of {@link MessageDocuments}.
 *
 * <p>Each expression gets two queries: {@code upper} matches at least every document the expression accepts,
 * {@code lower} at most those; when both are the same, the translation is {@code exact}. Keeping both makes
 * negation sound: {@code NOT x} is bounded above by {@code NOT lower(x)}. Scans run {@code upper} and, unless the
 * translation is exact, check every candidate with {@link dev.loupe.store.spi.KeywordMatcher}.
 *
 * <p>Inexact cases: a {@code ?} wildcard (Lucene's {@code ?} is one code point, the reference's one UTF-16 unit, so
 * it is widened to {@code *}); wildcards inside a phrase term, and a {@code *} term at the start or end of a phrase
 * (the phrase is run without them). A {@code *} term inside a phrase is exact: it is a one-position gap.
 */
final class KeywordQueries {
    private KeywordQueries() {}

    /** A translated expression; {@code exact} implies {@code upper == lower}. */
    record Bounds(Query upper, Query lower, boolean exact) {
        static Bounds exact(Query query) {
            return new Bounds(query, query, true);
        }

        static Bounds widened(Query upper) {
            return new Bounds(upper, new MatchNoDocsQuery("narrow bound of an inexact translation"), false);
        }
    }

    static Bounds translate(KeywordExpression expression) {
        return switch (expression) {
            case KeywordExpression.MatchAll matchAll -> Bounds.exact(MatchAllDocsQuery.INSTANCE);
            case KeywordExpression.Keyword keyword -> keyword(keyword.text());
            case KeywordExpression.FieldMatch fieldMatch -> fieldMatch(fieldMatch.field(), fieldMatch.pattern());
            case KeywordExpression.And and -> combine(and.operands(), BooleanClause.Occur.FILTER);
            case KeywordExpression.Or or -> combine(or.operands(), BooleanClause.Occur.SHOULD);
            case KeywordExpression.Not not -> negate(translate(not.operand()));
        };
    }

    private static Bounds keyword(String text) {
        List<String> terms = KeywordTokenizer.queryTerms(text);
        if (terms.isEmpty()) {
            return Bounds.exact(MatchAllDocsQuery.INSTANCE);
        }
        if (terms.size() == 1) {
            return singleTerm(terms.getFirst());
        }
        return phrase(terms);
    }

    private static Bounds singleTerm(String term) {
        if (!hasWildcard(term)) {
            return Bounds.exact(new TermQuery(new Term(MessageDocuments.RAW, term)));
        }
        return wildcard(MessageDocuments.RAW, term);
    }

    private static Bounds phrase(List<String> terms) {
        PhraseQuery.Builder builder = new PhraseQuery.Builder();
        boolean exact = true;
        int added = 0;
        int last = terms.size() - 1;
        for (int position = 0; position <= last; position++) {
            String term = terms.get(position);
            if (!hasWildcard(term)) {
                builder.add(new Term(MessageDocuments.RAW, term), position);
                added++;
            } else if (!term.equals("*") || position == 0 || position == last) {
                exact = false;
            }
        }
        if (added == 0) {
            return Bounds.widened(MatchAllDocsQuery.INSTANCE);
        }
        Query query = builder.build();
        return exact ? Bounds.exact(query) : Bounds.widened(query);
    }

    private static Bounds fieldMatch(String field, String pattern) {
        String name = MessageDocuments.indexedFieldName(field);
        String lowerCase = pattern.toLowerCase(Locale.ROOT);
        if (lowerCase.isEmpty()) {
            return Bounds.exact(new MatchNoDocsQuery("an empty pattern matches no non-empty value"));
        }
        if (!hasWildcard(lowerCase)) {
            return Bounds.exact(new TermQuery(new Term(name, lowerCase)));
        }
        return wildcard(name, lowerCase.replace("\\", "\\\\"));
    }

    /** A wildcard query for an already escaped pattern; {@code ?} is widened to {@code *} (see the class doc). */
    private static Bounds wildcard(String field, String pattern) {
        boolean exact = pattern.indexOf('?') < 0;
        try {
            WildcardQuery query = new WildcardQuery(new Term(field, pattern.replace('?', '*')));
            return exact ? Bounds.exact(query) : Bounds.widened(query);
        } catch (TooComplexToDeterminizeException tooComplex) {
            // A huge pattern (e.g. thousands of characters after a leading *) cannot become an automaton within
            // Lucene's work limit; every document is then a candidate and the reference matcher decides.
            return Bounds.widened(MatchAllDocsQuery.INSTANCE);
        }
    }

    private static Bounds combine(List<KeywordExpression> operands, BooleanClause.Occur occur) {
        BooleanQuery.Builder upper = new BooleanQuery.Builder();
        BooleanQuery.Builder lower = new BooleanQuery.Builder();
        boolean exact = true;
        for (KeywordExpression operand : operands) {
            Bounds bounds = translate(operand);
            upper.add(bounds.upper(), occur);
            lower.add(bounds.lower(), occur);
            exact &= bounds.exact();
        }
        Query upperQuery = upper.build();
        return exact ? Bounds.exact(upperQuery) : new Bounds(upperQuery, lower.build(), false);
    }

    private static Bounds negate(Bounds operand) {
        if (operand.exact()) {
            return Bounds.exact(not(operand.upper()));
        }
        return new Bounds(not(operand.lower()), not(operand.upper()), false);
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder()
                .add(MatchAllDocsQuery.INSTANCE, BooleanClause.Occur.FILTER)
                .add(query, BooleanClause.Occur.MUST_NOT)
                .build();
    }

    private static boolean hasWildcard(String term) {
        return term.indexOf('*') >= 0 || term.indexOf('?') >= 0;
    }
}
