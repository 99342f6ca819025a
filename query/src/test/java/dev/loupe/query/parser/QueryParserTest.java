package dev.loupe.query.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.ast.AstPrinter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {

    private static String print(String query) {
        return AstPrinter.print(QueryParser.parse(query));
    }

    private static LoupeException failure(String query) {
        return catchThrowableOfType(LoupeException.class, () -> QueryParser.parse(query));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            ''                                        | (query *)
            '*'                                       | (query *)
            'error'                                   | (query (kw error))
            'error fail*'                             | (query (and (kw error) (kw fail*)))
            'error AND fail OR warn'                  | (query (or (and (kw error) (kw fail)) (kw warn)))
            'a or b and c'                            | (query (or (kw a) (and (kw b) (kw c))))
            '(a or b) c'                              | (query (and (or (kw a) (kw b)) (kw c)))
            'NOT a !b'                                | (query (and (not (kw a)) (not (kw b))))
            'not (a or b)'                            | (query (not (or (kw a) (kw b))))
            '"hello world" 10.1.1.123'                | (query (and (phrase "hello world") (kw 10.1.1.123)))
            '_sourceCategory=prod/* _sourceHost = h1' | (query (and (field _sourceCategory "prod/*") (field _sourceHost "h1")))
            'status="a b" x=*'                        | (query (and (field status "a b") (field x "*")))
            '!_sourceCategory=x'                      | (query (not (field _sourceCategory "x")))
            'a // comment'                            | (query (kw a))
            'a /* c */ b'                             | (query (and (kw a) (kw b)))
            """)
    void scope(String query, String expected) {
        assertThat(print(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '| where a = 1 + 2 * 3'                       | (query * (where (= a (+ 1 (* 2 3)))))
            '| where (a + b) * -c > 5'                    | (query * (where (> (* (+ a b) (neg c)) 5)))
            '| where a - b - c == 0'                      | (query * (where (= (- (- a b) c) 0)))
            '| where x != "a" || y <> 2 && !z'            | (query * (where (or (!= x "a") (and (!= y 2) (! z)))))
            '| where not a and b or c'                    | (query * (where (or (and (! a) b) c)))
            '| where !(x matches "ab*") AND y matches /a\\/b[0-9]+/' | (query * (where (and (! (matches x "ab*")) (matches y /a/b[0-9]+/))))
            '| where x matches tolowercase("A*")'         | (query * (where (matches x (tolowercase() "A*"))))
            '| where x in ("a", "b") and y not in (1, 2)' | (query * (where (and (in x "a" "b") (not-in y 1 2))))
            '| where x contains "b"'                      | (query * (where (contains x "b")))
            '| where a ? b : c'                           | (query * (where (? a b c)))
            '| where x <= 1.5s and y >= 2k and z < 5m'    | (query * (where (and (and (<= x 1500) (>= y 2000)) (< z 300000))))
            '| where %"odd name" = null and t = true'     | (query * (where (and (= odd name null) (= t true))))
            '| where x = 3.5 and y = -2 and z = 1e3'      | (query * (where (and (and (= x 3.5) (= y -2)) (= z 1000.0))))
            '| where x % 2 = 1 and y / 2 = 0'             | (query * (where (and (= (% x 2) 1) (= (/ y 2) 0))))
            """)
    void expressions(String query, String expected) {
        assertThat(print(query)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            '| json "a", "b.c" as x, y nodrop'                  | (query * (json "a" "b.c" as x y nodrop))
            '| JSON field=msg "arr[*].x"'                       | (query * (json field=msg "arr[*].x"))
            '| parse "user=* ip=*" as user, ip'                 | (query * (parse "user=* ip=*" as user ip))
            '| parse field=arn ":role/*" as (user) nodrop'      | (query * (parse field=arn ":role/*" as user nodrop))
            '| parse "a=*", "b=*" as a, b'                      | (query * (parse "a=*" "b=*" as a b))
            '| parse regex "(?<code>\\d+)" multi nodrop'        | (query * (parse-regex "(?<code>\\\\d+)" multi nodrop))
            '| extract field=x "(?<a_b>.)"'                     | (query * (parse-regex field=x "(?<a_b>.)"))
            '| fields a, b'                                     | (query * (fields a b))
            '| fields -_rank'                                   | (query * (fields-drop _rank))
            '| count'                                           | (query * (aggregate (count)))
            '| count(*) as n by a, b'                           | (query * (aggregate (count as n) (by a b)))
            '| count a, b'                                      | (query * (aggregate (count) (by a b)))
            '| count_distinct(u), sum(x) as s, avg(y) group by h' | (query * (aggregate (count_distinct u) (sum x as s) (avg y) (by h)))
            '| max(x) by a | min(y)'                            | (query * (aggregate (max x) (by a)) (aggregate (min y)))
            '| min(a, 70) as m'                                 | (query * (assign (min() a 70) as m))
            '| sort by _count, b asc'                           | (query * (sort -_count +b))
            '| sort +a, - b | order by c desc'                  | (query * (sort +a -b) (sort -c))
            '| limit 10'                                        | (query * (limit 10))
            '| top 10 a, b by c, d asc'                         | (query * (top 10 a b (by -c +d)))
            '| top 5 a'                                         | (query * (top 5 a))
            '| if (isEmpty(a), "x", a) as b'                    | (query * (assign (if() (isEmpty() a) "x" a) as b))
            '| a as b | "lit" as c | 3 + 2 as d'                | (query * (assign a as b) (assign "lit" as c) (assign (+ 3 2) as d))
            '| toLowerCase(x) | num(y)'                         | (query * (assign (toLowerCase() x)) (assign (num() y)))
            '| replace(s, /[0-9]+/, "#") as s'                  | (query * (assign (replace() s /[0-9]+/ "#") as s))
            '| where url = "https://x.com/a" // note'           | (query * (where (= url "https://x.com/a")))
            """)
    void operators(String query, String expected) {
        assertThat(print(query)).isEqualTo(expected);
    }

    @Test
    void appContentQueriesParseOrFailAsUnsupportedAtTheRightSpot() throws IOException {
        List<String> queries = appContentQueries();
        assertThat(queries).hasSize(13);
        String[] expectedFailures = new String[13];
        for (int index = 0; index < queries.size(); index++) {
            String raw = queries.get(index);
            assertThat(failure(raw).errorCode()).isEqualTo(ErrorCode.QUERY_PARAMETER_NOT_SUBSTITUTED);
            String query = raw.replaceAll("\\{\\{\\w+}}", "*");
            if (expectedFailures[index] == null) {
                assertThat(QueryParser.parse(query).operators()).as("query %d", index + 1).isNotEmpty();
            } else {
                String[] expected = expectedFailures[index].split(" ");
                LoupeException exception = failure(query);
                assertThat(exception).as("query %d", index + 1).isNotNull();
                assertThat(exception.errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
                assertThat(exception.getMessage()).isEqualTo("line " + expected[1] + ", col " + expected[2]
                        + ": operator '" + expected[0] + "' is not supported yet");
            }
        }
    }

    @Test
    void appContentQueryGolden() throws IOException {
        String query = appContentQueries().get(2).replaceAll("\\{\\{\\w+}}", "*");
        assertThat(print(query)).startsWith("(query (and (phrase \"\\\"eventSource\\\":\\\"apigateway.amazonaws.com"
                + "\\\"\") (field account \"*\") (field Namespace \"*\") (field region \"*\")) (json \"eventName\"")
                .contains("(where (or (matches (tolowercase() ApiName) (tolowercase() \"*\")) (isBlank() apiname)))")
                .contains("(assign (if() (! (isEmpty() accountId1)) accountId1 accountId2) as accountId)")
                .endsWith("(aggregate (count as event_count) (by event_status)) (sort -event_count +event_status))");
    }

    static List<String> appContentQueries() throws IOException {
        try (InputStream input = QueryParserTest.class.getResourceAsStream("/parser/app-content-queries.txt")) {
            return List.of(new String(input.readAllBytes(), StandardCharsets.UTF_8).split("\n====\n"));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '#', quoteCharacter = '\'', textBlock = """
            'error | jsn "a"' # QUERY_SYNTAX # line 1, col 9: unknown operator 'jsn' (did you mean 'json'?)
            '* | wher x = 1' # QUERY_SYNTAX # line 1, col 5: unknown operator 'wher' (did you mean 'where'?)
            '* | frobnicate x' # QUERY_SYNTAX # line 1, col 5: unknown operator 'frobnicate'
            '| where x = "abc' # QUERY_SYNTAX # line 1, col 13: unterminated string: '"' has no closing quote
            '"abc' # QUERY_SYNTAX # line 1, col 1: unterminated string: '"' has no closing quote
            '| parse "a=*" as' # QUERY_SYNTAX # line 1, col 17: expected a field name but found end of query
            '| a + b' # QUERY_SYNTAX # line 1, col 3: missing alias: add 'as <field>' after the expression
            '| "lit"' # QUERY_SYNTAX # line 1, col 3: missing alias: add 'as <field>' after the expression
            '_sourceCategory={{sc}} | count' # QUERY_PARAMETER_NOT_SUBSTITUTED # line 1, col 17: template parameter {{sc}} was not substituted
            '| logcompare timeshift -24h baseline (x)' # QUERY_UNSUPPORTED # line 1, col 29: logcompare baseline queries are not supported yet; the baseline is this query over the shifted range
            '| transaction on a with "x" as s showing x' # QUERY_UNSUPPORTED # line 1, col 34: transaction ... showing is not supported yet; compute the columns with later operators
            '| logreduce criteria=sometimes' # QUERY_SYNTAX # line 1, col 22: expected mostcommon or leastcommon after 'criteria=' but found 'sometimes'
            '| details x' # QUERY_SYNTAX # line 1, col 11: expected a signature id (a _signature_id value of logreduce) after 'details' but found 'x'
            '| where x = 1 y' # QUERY_SYNTAX # line 1, col 15: expected '|' or the end of the query but found 'y'
            '| where x = (1' # QUERY_SYNTAX # line 1, col 15: expected ')' but found end of query
            '| where a < b < c' # QUERY_SYNTAX # line 1, col 15: comparisons cannot be chained; use 'and'
            '| limit 0' # QUERY_SYNTAX # line 1, col 9: expected a positive whole number after 'limit' but found '0'
            '| where x = 5q' # QUERY_SYNTAX # line 1, col 13: invalid number '5q': unknown suffix 'q'
            '(a or b' # QUERY_SYNTAX # line 1, col 8: expected ')' but found end of query
            'a /* open' # QUERY_SYNTAX # line 1, col 3: unterminated comment: '/*' has no closing '*/'
            '| where [subquery: x]' # QUERY_SYNTAX # line 1, col 9: a subquery must end with '| compose <field>[, <field>]'
            '| where [subquery: x | compose a maxresults=0]' # QUERY_SYNTAX # line 1, col 45: expected a positive whole number after 'maxresults=' but found '0'
            '| where x & y' # QUERY_SYNTAX # line 1, col 11: unexpected character '&' (use 'and' or '&&')
            """)
    void errors(String query, ErrorCode code, String message) {
        LoupeException exception = failure(query);
        assertThat(exception).isNotNull();
        assertThat(exception.errorCode()).isEqualTo(code);
        assertThat(exception.getMessage()).isEqualTo(message);
    }

    @Test
    void errorOnLaterLineReportsLineAndColumn() {
        LoupeException exception = failure("error\n| json \"a\"\n|   `my_macro`\n| count");
        assertThat(exception.errorCode()).isEqualTo(ErrorCode.QUERY_UNSUPPORTED);
        assertThat(exception.span()).hasValueSatisfying(span -> {
            assertThat(span.line()).isEqualTo(3);
            assertThat(span.column()).isEqualTo(5);
        });
    }

    @Test
    void commentAfterColonIsNotAComment() {
        assertThat(print("geo://location")).isEqualTo("(query (kw geo://location))");
    }

    @Test
    void deepNestingFailsClearly() {
        String deep = "| where " + "(".repeat(5000) + "x" + ")".repeat(5000);
        LoupeException exception = failure(deep);
        assertThat(exception.errorCode()).isEqualTo(ErrorCode.QUERY_SYNTAX);
        assertThat(exception.detail()).contains("nested too deeply");
        assertThat(failure("!".repeat(3000) + "a").detail()).contains("nested too deeply");
        assertThat(failure("| where " + "-".repeat(3000) + "1").detail()).contains("nested too deeply");
    }

    @Test
    void tooLongQueryIsRejected() {
        assertThatThrownBy(() -> QueryParser.parse("a ".repeat(8000)))
                .isInstanceOfSatisfying(LoupeException.class,
                        exception -> assertThat(exception.errorCode()).isEqualTo(ErrorCode.QUERY_INVALID));
    }
}
