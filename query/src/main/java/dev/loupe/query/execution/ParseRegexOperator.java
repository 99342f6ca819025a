package dev.loupe.query.execution;

import dev.loupe.query.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code parse regex}: named-group extraction with {@code find()} from the start; every pattern must match. With
 * {@code multi}, one row per match; with several patterns, row {@code i} takes the {@code i}-th match of every
 * pattern (as many rows as the pattern with the most matches; a pattern out of matches leaves its fields null).
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
            return matchers.length == 1 ? multi(row, input, outputs[0]) : multiPatterns(row, input, outputs);
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

    private boolean multiPatterns(Row row, String input, int[][] slots) {
        List<List<String[]>> matches = new ArrayList<>();
        boolean matched = input != null;
        int rows = 0;
        for (int index = 0; index < matchers.length && matched; index++) {
            Matcher matcher = matchers[index].reset(input);
            List<String[]> found = new ArrayList<>();
            while (matcher.find()) {
                String[] groups = new String[slots[index].length];
                for (int group = 0; group < groups.length; group++) {
                    groups[group] = matcher.group(group + 1);
                }
                found.add(groups);
            }
            matched = !found.isEmpty();
            rows = Math.max(rows, found.size());
            matches.add(found);
        }
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        if (!matched) {
            return downstream.addInput(row);
        }
        for (int position = 0; position < rows; position++) {
            Row copy = row.copy();
            for (int index = 0; index < matchers.length; index++) {
                List<String[]> found = matches.get(index);
                for (int group = 0; group < slots[index].length; group++) {
                    copy.values[slots[index][group]] = position < found.size() ? found.get(position)[group] : null;
                }
            }
            if (!downstream.addInput(copy)) {
                return false;
            }
        }
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
