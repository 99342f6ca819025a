package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import org.junit.jupiter.api.Test;

class QueryErrorFormatterTest {

    @Test
    void caretUnderTheColumnOfTheRightLine() {
        String query = "error\n| count by x\n|   jsn \"a\"";
        LoupeException error = new EngineFixture().failure(query);
        assertThat(QueryErrorFormatter.format(query, error)).isEqualTo("""
                line 3, col 5: unknown operator 'jsn' (did you mean 'json'?)
                |   jsn "a"
                    ^~~""");
    }

    @Test
    void macrosAreReportedAtTheirSpan() {
        String query = "error | `my_macro` | count";
        LoupeException error = new EngineFixture().failure(query);
        assertThat(error.errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
        assertThat(QueryErrorFormatter.format(query, error)).isEqualTo("""
                line 1, col 9: macros are not supported: expand `my_macro` into its query text
                error | `my_macro` | count
                        ^~~~~~~~~~""");
        assertThat(new EngineFixture().failure("`m` error").errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
    }

    @Test
    void errorsWithoutSpanAreTheMessage() {
        assertThat(QueryErrorFormatter.format("x", new LoupeException(ErrorCode.INTERNAL, "boom")))
                .isEqualTo("boom");
    }
}
