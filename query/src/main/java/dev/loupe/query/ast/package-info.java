/**
 * The abstract syntax tree of a log query: immutable records under sealed interfaces, each node carrying the
 * {@link dev.loupe.core.SourceSpan} it was parsed from so that errors can point at it.
 *
 * <p>A {@link dev.loupe.query.ast.Query} is a scope ({@link dev.loupe.query.ast.ScopeExpression}) followed by
 * pipeline {@link dev.loupe.query.ast.Operator}s whose arguments are {@link dev.loupe.query.ast.Expression}s.
 * Nothing here is resolved: field names are as written and functions are only names.
 * {@link dev.loupe.query.ast.AstPrinter} renders a tree compactly for golden tests and debugging.
 */
package dev.loupe.query.ast;
