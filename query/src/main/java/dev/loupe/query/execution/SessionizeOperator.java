package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;
import dev.loupe.query.plan.AnalyticsNode.SessionPart;
import dev.loupe.query.plan.FieldLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sessionize "p1" as (a, b), "p2 with $a" as (c)}: buffers the rows and chains related messages.
 *
 * <p>Patterns run one after the other over all rows in message-time order, matching {@code _raw} anywhere and
 * ignoring case ({@code *} captures as in {@code parse}). A {@code $name} matches only a value an earlier pattern
 * captured into {@code name}, so a pattern without such values matches nothing. A matching row receives its own
 * captures and every field of the session it joined (the fields captured together with the referenced value, the
 * first capture of a value winning). Rows matched by at least one pattern pass on in input order.
 */
final class SessionizeOperator implements RowOperator {
    private final AnalyticsNode.Sessionize spec;
    private final RowOperator downstream;
    private final RowBuffer rows;
    /** Per captured slot: value (lower case) to the session fields bound with it (slot to value). */
    private final Map<Integer, Map<String, Map<Integer, Object>>> sessions = new HashMap<>();

    SessionizeOperator(AnalyticsNode.Sessionize spec, QueryGuard guard, RowOperator downstream) {
        this.spec = spec;
        this.downstream = downstream;
        this.rows = new RowBuffer(guard, "sessionize");
    }

    @Override
    public boolean addInput(Row row) {
        rows.add(row);
        return true;
    }

    @Override
    public void finish() {
        List<Row> ordered = new ArrayList<>(rows.view());
        ordered.sort(Comparator.comparingLong(SessionizeOperator::time));
        Set<Row> matched = Collections.newSetFromMap(new IdentityHashMap<>());
        for (AnalyticsNode.SessionStep step : spec.steps()) {
            Pattern pattern = compile(step);
            if (pattern == null) {
                continue;
            }
            for (Row row : ordered) {
                String raw = Values.toText(row.values[FieldLayout.RAW]);
                Matcher matcher = raw == null ? null : pattern.matcher(raw);
                if (matcher != null && matcher.find()) {
                    bind(step, matcher, row);
                    matched.add(row);
                }
            }
        }
        for (Row row : rows) {
            if (matched.contains(row) && !downstream.addInput(row)) {
                break;
            }
        }
        rows.clear();
        downstream.finish();
    }

    /** The step's regex, or null when a reference has no value yet. */
    private Pattern compile(AnalyticsNode.SessionStep step) {
        StringBuilder regex = new StringBuilder();
        List<SessionPart> parts = step.parts();
        for (int index = 0; index < parts.size(); index++) {
            switch (parts.get(index)) {
                case SessionPart.Literal literal -> regex.append(Pattern.quote(literal.text()));
                case SessionPart.Capture capture -> regex.append(index == parts.size() - 1 ? "(.*)" : "(.*?)");
                case SessionPart.Reference reference -> {
                    Map<String, Map<Integer, Object>> values = sessions.get(reference.slot());
                    if (values == null || values.isEmpty()) {
                        return null;
                    }
                    List<String> alternatives = new ArrayList<>(values.keySet());
                    alternatives.sort(Comparator.comparingInt(String::length).reversed()
                            .thenComparing(Comparator.naturalOrder()));
                    regex.append('(');
                    for (int alternative = 0; alternative < alternatives.size(); alternative++) {
                        regex.append(alternative == 0 ? "" : "|").append(Pattern.quote(alternatives.get(alternative)));
                    }
                    regex.append(')');
                }
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    private void bind(AnalyticsNode.SessionStep step, Matcher matcher, Row row) {
        Map<Integer, Object> session = new HashMap<>();
        int group = 1;
        for (SessionPart part : step.parts()) {
            switch (part) {
                case SessionPart.Literal literal -> { }
                case SessionPart.Capture capture -> session.put(capture.slot(), matcher.group(group++));
                case SessionPart.Reference reference -> {
                    String value = matcher.group(group++);
                    Map<Integer, Object> joined = sessions.get(reference.slot()).get(value.toLowerCase(Locale.ROOT));
                    if (joined != null) {
                        for (Map.Entry<Integer, Object> field : joined.entrySet()) {
                            session.putIfAbsent(field.getKey(), field.getValue());
                        }
                    }
                }
            }
        }
        for (Map.Entry<Integer, Object> field : session.entrySet()) {
            row.values[field.getKey()] = field.getValue();
            if (field.getValue() instanceof String value) {
                sessions.computeIfAbsent(field.getKey(), unused -> new HashMap<>())
                        .putIfAbsent(value.toLowerCase(Locale.ROOT), session);
            }
        }
    }

    private static long time(Row row) {
        return row.values[FieldLayout.MESSAGE_TIME] instanceof Long time ? time : 0L;
    }
}
