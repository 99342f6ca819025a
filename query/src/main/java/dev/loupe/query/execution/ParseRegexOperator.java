package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parse regex}: named-group extraction with {@code find()} from the start; with {@code multi}, one row per
 * match.
 */
final class ParseRegexOperator implements RowOperator {
    private final PlanNode.ParseRegex node;
    private final RowOperator downstream;
    private final Matcher[] matchers;

    ParseRegexOperator(PlanNode.ParseRegex node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
        List<Pattern> patterns = node.patterns();
        this.matchers = new Matcher[patterns.size()];
        for (int index = 0; index < matchers.length; index++) {
            matchers[index] = patterns.get(index).matcher("");
        }
    }

    @Override
    public boolean addInput(Row row) {
        String input = Values.toText(row.values[node.inputSlot()]);
        int[][] outputs = node.groupSlots();
        if (node.multi()) {
            return multi(row, input, outputs[0]);
        }
        boolean matched = input != null;
        for (int index = 0; index < matchers.length && matched; index++) {
            matched = matchers[index].reset(input).find();
        }
        if (matched) {
            for (int index = 0; index < matchers.length; index++) {
                assign(row.values, matchers[index], outputs[index]);
            }
        }
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        return downstream.addInput(row);
    }

    private boolean multi(Row row, String input, int[] slots) {
        Matcher matcher = matchers[0];
        boolean matched = input != null && matcher.reset(input).find();
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        if (!matched) {
            return downstream.addInput(row);
        }
        do {
            Row copy = row.copy();
            assign(copy.values, matcher, slots);
            if (!downstream.addInput(copy)) {
                return false;
            }
        } while (matcher.find());
        return true;
    }

    private static void assign(Object[] values, Matcher matcher, int[] slots) {
        for (int group = 0; group < slots.length; group++) {
            values[slots[group]] = matcher.group(group + 1);
        }
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
