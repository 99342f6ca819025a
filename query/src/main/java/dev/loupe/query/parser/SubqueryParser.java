package dev.loupe.query.parser;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Query;
import dev.loupe.query.ast.SubqueryClause;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code [subquery [from=(...)] [to=(...)]: <child query> | compose f1[, f2] [maxresults=N] [keywords]]}
 * (spec §2.16) for the scope and expression parsers.
 *
 * <p>The child query is parsed by {@link QueryParser} over the query text with everything outside the child
 * blanked out, so that its spans (and its error positions) are positions in the whole query.
 */
final class SubqueryParser {
    private SubqueryParser() {}

    /** Parses the bracket at the current token (a {@code [}) and moves the stream past its {@code ]}. */
    static SubqueryClause parse(TokenStream tokens) {
        String text = tokens.lexer().text();
        int open = tokens.current().start();
        int close = RawText.closing(tokens, open);
        int index = skipSpaces(text, open + 1);
        if (!text.regionMatches(true, index, "subquery", 0, "subquery".length())) {
            throw tokens.lexer().error(open, open + 1, "expected 'subquery' after '['");
        }
        index = skipSpaces(text, index + "subquery".length());
        String from = null;
        String to = null;
        while (index < close && text.charAt(index) != ':') {
            String option = optionName(text, index);
            if (!option.equals("from") && !option.equals("to")) {
                throw tokens.lexer().error(index, index + 1, "expected 'from=(...)', 'to=(...)' or ':' in a subquery");
            }
            int equal = skipSpaces(text, index + option.length());
            int parenthesis = equal < close && text.charAt(equal) == '=' ? skipSpaces(text, equal + 1) : -1;
            if (parenthesis < 0 || text.charAt(parenthesis) != '(') {
                throw tokens.lexer().error(index, equal, "expected '" + option + "=(<time>)'");
            }
            int end = RawText.closing(tokens, parenthesis);
            String value = text.substring(parenthesis + 1, end).trim();
            if (option.equals("from")) {
                from = value;
            } else {
                to = value;
            }
            index = skipSpaces(text, end + 1);
        }
        if (index >= close) {
            throw tokens.lexer().error(open, close + 1, "expected ':' before the subquery's child query");
        }
        int childStart = index + 1;
        List<Integer> pipes = RawText.topLevelPipes(tokens, childStart, close);
        int composePipe = -1;
        for (int pipe : pipes) {
            int word = skipSpaces(text, pipe + 1);
            if (text.regionMatches(true, word, "compose", 0, "compose".length())) {
                composePipe = pipe;
            }
        }
        if (composePipe < 0) {
            throw tokens.lexer().error(open, close + 1, "a subquery must end with '| compose <field>[, <field>]'");
        }
        Query child = QueryParser.parse(RawText.masked(text, childStart, composePipe));
        TokenStream compose = new TokenStream(new Lexer(RawText.masked(text, composePipe + 1, close + 1)));
        compose.enterExpressionMode();
        compose.expectKeyword("compose");
        OperatorParser operators = new OperatorParser(compose);
        List<FieldReference> fields = operators.fieldList();
        int maxResults = SubqueryClause.DEFAULT_MAX_RESULTS;
        boolean keywords = false;
        while (!compose.at(TokenType.RIGHT_BRACKET)) {
            if (compose.acceptKeyword("keywords")) {
                keywords = true;
            } else if (compose.atKeyword("maxresults")) {
                compose.advance();
                compose.expect(TokenType.EQUAL, "'=' after maxresults");
                Token number = compose.current();
                long count = operators.positiveCount("maxresults=");
                if (count > SubqueryClause.MAX_RESULTS) {
                    throw compose.error(number, "maxresults must be at most " + SubqueryClause.MAX_RESULTS);
                }
                maxResults = (int) count;
            } else {
                throw compose.unexpected("'maxresults=N', 'keywords' or ']'");
            }
        }
        SourceSpan span = tokens.lexer().span(open, close + 1);
        RawText.moveTo(tokens, close + 1);
        return new SubqueryClause(child, from, to, fields, maxResults, keywords, span);
    }

    private static String optionName(String text, int index) {
        int end = index;
        while (end < text.length() && Character.isLetter(text.charAt(end))) {
            end++;
        }
        return text.substring(index, end).toLowerCase(Locale.ROOT);
    }

    private static int skipSpaces(String text, int index) {
        int position = index;
        while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
            position++;
        }
        return position;
    }
}
