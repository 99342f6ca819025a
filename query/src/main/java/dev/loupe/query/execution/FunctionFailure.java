package dev.loupe.query.execution;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.query.plan.Function;

/**
 * The errors a function raises for a row it cannot evaluate (spec §2.18: "invalid → error"). They fail the query
 * with {@code QUERY_INVALID}, naming the function and the offending value, as Sumo reports them.
 */
final class FunctionFailure {
    private FunctionFailure() {}

    /** {@code function(): problem: "value"}; the value is quoted when it is text. */
    static LoupeException of(Function function, String problem, Object value) {
        String shown = value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
        return new LoupeException(ErrorCode.QUERY_INVALID, function.displayName() + "(): " + problem + ": " + shown);
    }

    /** A function that cannot handle a group it was dispatched; a bug in the dispatch, never user input. */
    static IllegalStateException notInGroup(Function function) {
        return new IllegalStateException(function + " is not evaluated by " + function.group() + " functions");
    }
}
