package dev.loupe.store.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordExpression.And;
import dev.loupe.store.spi.KeywordExpression.FieldMatch;
import dev.loupe.store.spi.KeywordExpression.Keyword;
import dev.loupe.store.spi.KeywordExpression.Not;
import dev.loupe.store.spi.KeywordExpression.Or;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference keyword semantics of spec §1.3, case by case. */
class KeywordMatcherTest {
    private static final LogMessage MESSAGE = new LogMessage(
            "2026-11-25 ERROR TESTClientImpl failed for jsmith@somewhere.com from 10.1.1.123 at 15:39 (code 1234567)",
            0, 0, "Prod/Apache", "access.log", "web-01", "http", "collector-a",
            Map.of("Env", "dev", "ENV", "prod", "status_code", "404"));

    @Test
    void termsAreWholeAndCaseInsensitive() {
        assertThat(matches(keyword("error"))).isTrue();
        assertThat(matches(keyword("ERR"))).isFalse();
        assertThat(matches(keyword("testclientimpl"))).isTrue();
        assertThat(matches(keyword("test"))).as("CamelCase is not split").isFalse();
        assertThat(matches(keyword("456"))).isFalse();
    }

    @Test
    void wildcardsStayWithinATerm() {
        assertThat(matches(keyword("TEST*"))).isTrue();
        assertThat(matches(keyword("*456*"))).isTrue();
        assertThat(matches(keyword("err?r"))).isTrue();
        assertThat(matches(keyword("err?"))).isFalse();
    }

    @Test
    void punctuatedTextIsAPhrase() {
        assertThat(matches(keyword("10.1.1.123"))).isTrue();
        assertThat(matches(keyword("10.1.1.12"))).isFalse();
        assertThat(matches(keyword("jsmith@somewhere.com"))).isTrue();
        assertThat(matches(keyword("jsmith@*.com"))).as("a lone * is one whole term").isTrue();
        assertThat(matches(keyword("15:39"))).isTrue();
        assertThat(matches(new Keyword("failed   FOR jsmith", true))).isTrue();
        assertThat(matches(new Keyword("for failed", true))).isFalse();
    }

    @Test
    void fieldMatchesAreWholeValueCaseInsensitiveWithWildcards() {
        assertThat(matches(new FieldMatch("_sourceCategory", "prod/apache"))).isTrue();
        assertThat(matches(new FieldMatch("_SOURCECATEGORY", "*apache"))).isTrue();
        assertThat(matches(new FieldMatch("_sourceCategory", "prod"))).isFalse();
        assertThat(matches(new FieldMatch("_sourceHost", "*"))).isTrue();
        assertThat(matches(new FieldMatch("missing", "*"))).isFalse();
        assertThat(matches(new FieldMatch("status_code", "404"))).isTrue();
    }

    /** Keys that differ only in case: the field matches when any of their values matches. */
    @Test
    void customKeysEqualIgnoringCaseMatchAnyValue() {
        assertThat(matches(new FieldMatch("env", "dev"))).isTrue();
        assertThat(matches(new FieldMatch("env", "prod"))).isTrue();
        assertThat(matches(new FieldMatch("env", "staging"))).isFalse();
    }

    @Test
    void booleanOperators() {
        assertThat(matches(new And(List.of(keyword("error"), new Not(keyword("warn")))))).isTrue();
        assertThat(matches(new Or(List.of(keyword("warn"), keyword("nothing"))))).isFalse();
        assertThat(matches(new KeywordExpression.MatchAll())).isTrue();
    }

    @Test
    void tokenizerSplitsPunctuationIntoSingleTerms() {
        assertThat(KeywordTokenizer.terms("a.b-c  D_e")).containsExactly("a", ".", "b", "-", "c", "d_e");
        assertThat(KeywordTokenizer.queryTerms("jsmith@*.com")).containsExactly("jsmith", "@", "*", ".", "com");
    }

    private static Keyword keyword(String text) {
        return new Keyword(text, false);
    }

    private static boolean matches(KeywordExpression expression) {
        return KeywordMatcher.matches(expression, MESSAGE);
    }
}
