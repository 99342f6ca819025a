package dev.loupe.query.execution;

import dev.loupe.store.spi.StoredMessage;

/**
 * One row flowing through the operators: field values by slot, plus the message it came from (null for records
 * produced by an aggregate). Mutable and owned by one operator chain.
 */
final class Row {
    final Object[] values;
    final StoredMessage message;
    /** Whether a parse-family operator of the current nodrop run matched this row (spec §2.2). */
    boolean parseRunMatched;

    Row(Object[] values, StoredMessage message) {
        this.values = values;
        this.message = message;
    }

    /**
     * Applies the nodrop chain rule after a parse-family operator ran: returns whether the row survives. A row is
     * dropped only by an operator without {@code nodrop} when no operator of its run matched.
     */
    boolean settleParse(boolean matched, boolean nodrop, boolean inheritsRun) {
        boolean anyMatched = matched || (inheritsRun && parseRunMatched);
        if (nodrop) {
            parseRunMatched = anyMatched;
            return true;
        }
        parseRunMatched = false;
        return anyMatched;
    }

    Row copy() {
        Row copy = new Row(values.clone(), message);
        copy.parseRunMatched = parseRunMatched;
        return copy;
    }
}
