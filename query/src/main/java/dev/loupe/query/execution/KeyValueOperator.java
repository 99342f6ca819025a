package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.FieldLayout;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kv} (spec §2.2). Infer mode finds {@code key=value}, {@code key: value}, {@code key -> value} and quoted
 * values ({@code "..."} or {@code '...'}); an unquoted value ends at whitespace, {@code ,}, {@code ;} or
 * {@code &}; the key must not be preceded by a letter, digit, {@code _}, {@code .} or {@code -}; the first
 * occurrence of each key wins. Regex mode uses the user's pattern (key and value groups: the first match of each
 * key wins; value group only: the first match after the key's first occurrence). Auto mode takes every
 * {@code key<delim>value} pair left to right, at most {@value #MAX_AUTO_PAIRS}, the last duplicate winning.
 * A row matches when at least one pair was found.
 */
final class KeyValueOperator implements RowOperator {
    /** The most pairs {@code kv auto} extracts from one message. */
    static final int MAX_AUTO_PAIRS = 100;

    private static final String VALUE = "(?:\"([^\"]*)\"|'([^']*)'|([^\\s,;&\"']*))";

    private final EnrichNode.KeyValueExtract node;
    private final FieldLayout layout;
    private final RowOperator downstream;
    private final Matcher[] keyMatchers;
    private final Matcher matcher;
    private final List<String> lowerKeys;

    KeyValueOperator(EnrichNode.KeyValueExtract node, FieldLayout layout, RowOperator downstream) {
        this.node = node;
        this.layout = layout;
        this.downstream = downstream;
        List<String> keys = node.keys();
        this.keyMatchers = new Matcher[keys.size()];
        if (node.mode() == EnrichNode.KeyValueMode.INFER) {
            for (int index = 0; index < keys.size(); index++) {
                keyMatchers[index] = Pattern.compile("(?<![\\w.\\-])" + Pattern.quote(keys.get(index))
                        + "\\s*(?:=|:|->)\\s*" + VALUE).matcher("");
            }
        }
        this.matcher = switch (node.mode()) {
            case INFER -> null;
            case REGEX_KEY_VALUE, REGEX_VALUE -> node.regex().matcher("");
            case AUTO -> Pattern.compile("([\\w.\\-]+)\\s*" + Pattern.quote(node.delimiter()) + "\\s*" + VALUE)
                    .matcher("");
        };
        this.lowerKeys = keys.stream().map(key -> key.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        int[] outputs = node.outputSlots();
        for (int output : outputs) {
            values[output] = null;
        }
        String input = Values.toText(values[node.inputSlot()]);
        boolean matched = input != null && switch (node.mode()) {
            case INFER -> infer(input, values, outputs);
            case REGEX_KEY_VALUE -> regexKeyValue(input, values, outputs);
            case REGEX_VALUE -> regexValue(input, values, outputs);
            case AUTO -> auto(input, values, outputs);
        };
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        return downstream.addInput(row);
    }

    private boolean infer(String input, Object[] values, int[] outputs) {
        boolean found = false;
        for (int index = 0; index < keyMatchers.length; index++) {
            Matcher keyMatcher = keyMatchers[index].reset(input);
            if (keyMatcher.find()) {
                values[outputs[index]] = value(keyMatcher, 1);
                found = true;
            }
        }
        return found;
    }

    private boolean regexKeyValue(String input, Object[] values, int[] outputs) {
        matcher.reset(input);
        boolean found = false;
        boolean[] done = new boolean[outputs.length];
        while (matcher.find()) {
            String key = matcher.group(1);
            int index = key == null ? -1 : node.keys().indexOf(key.strip());
            if (index >= 0 && !done[index]) {
                values[outputs[index]] = matcher.group(2);
                done[index] = true;
                found = true;
            }
        }
        return found;
    }

    private boolean regexValue(String input, Object[] values, int[] outputs) {
        boolean found = false;
        for (int index = 0; index < outputs.length; index++) {
            String key = node.keys().get(index);
            int at = input.indexOf(key);
            if (at >= 0 && matcher.reset(input).find(at + key.length())) {
                values[outputs[index]] = matcher.group(1);
                found = true;
            }
        }
        return found;
    }

    private boolean auto(String input, Object[] values, int[] outputs) {
        matcher.reset(input);
        int pairs = 0;
        while (pairs < MAX_AUTO_PAIRS && matcher.find()) {
            pairs++;
            String key = matcher.group(1);
            String value = value(matcher, 2);
            int listed = lowerKeys.indexOf(key.toLowerCase(Locale.ROOT));
            if (listed >= 0) {
                values[outputs[listed]] = value;
            }
            if (!node.refonly()) {
                int slot = layout.slotOf(sanitize(key));
                if (slot >= FieldLayout.BUILT_IN_COUNT) {
                    values[slot] = value;
                }
            }
        }
        return pairs > 0;
    }

    private static String value(Matcher matcher, int firstGroup) {
        for (int group = firstGroup; group < firstGroup + 3; group++) {
            String value = matcher.group(group);
            if (value != null) {
                return value;
            }
        }
        return "";
    }

    private static String sanitize(String key) {
        StringBuilder name = null;
        for (int index = 0; index < key.length(); index++) {
            char character = key.charAt(index);
            if (!Character.isLetterOrDigit(character) && character != '_') {
                if (name == null) {
                    name = new StringBuilder(key);
                }
                name.setCharAt(index, '_');
            }
        }
        return name == null ? key : name.toString();
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
