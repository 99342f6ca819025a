package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code parse "a*b" as x}: all-or-nothing anchor extraction; every pattern of the operator must match. */
final class ParseAnchorOperator implements RowOperator {
    private final PlanNode.ParseAnchor node;
    private final RowOperator downstream;
    private final Matcher[] matchers;

    ParseAnchorOperator(PlanNode.ParseAnchor node, RowOperator downstream) {
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
        Object[] values = row.values;
        String input = Values.toText(values[node.inputSlot()]);
        boolean matched = input != null;
        for (int index = 0; index < matchers.length && matched; index++) {
            matched = matchers[index].reset(input).find();
        }
        int[][] outputs = node.outputSlots();
        if (matched) {
            for (int index = 0; index < matchers.length; index++) {
                for (int group = 0; group < outputs[index].length; group++) {
                    values[outputs[index][group]] = matchers[index].group(group + 1);
                }
            }
        }
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        return downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
