/**
 * Turns query text into a {@link dev.loupe.query.ast.Query}: a hand-written lexer, a recursive-descent parser for
 * the scope and the operators, and a Pratt parser for expressions.
 *
 * <p>Only {@link dev.loupe.query.parser.QueryParser} is public; everything else is package-private. The parser
 * throws nothing but {@link dev.loupe.core.LoupeException}, whose message starts with {@code line L, col C: }.
 * Operators of the language that the engine does not run yet are recognised and rejected with
 * {@code QUERY_UNSUPPORTED}; unknown names get an edit-distance suggestion.
 */
package dev.loupe.query.parser;
