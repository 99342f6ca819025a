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
    void errorsWithoutSpanAreTheMessage() {
        assertThat(QueryErrorFormatter.format("x", new LoupeException(ErrorCode.INTERNAL, "boom")))
                .isEqualTo("boom");
    }
}
