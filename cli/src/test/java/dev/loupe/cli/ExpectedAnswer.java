package dev.loupe.cli;

import dev.loupe.query.QueryResult;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsRowResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The answer a dashboard panel query must give, computed from a simulation's ground truth, and how an actual
 * answer is compared with it. {@link #differences} lists what differs (empty when the answer is right), each
 * difference one line naming the row, series or cell.
 *
 * <p>Values of log rows are compared as canonical text: null and the empty string are the same, numbers are
 * compared by value ({@code 3}, {@code 3.0} and {@code "3"} are equal); field names ignore case. Metric values are
 * compared with a relative tolerance of 1e-9 (sums over the same doubles in another order).
 */
sealed interface ExpectedAnswer {
    /**
     * Metrics series: one per group, identified by the values of {@code groupKeys} (tag keys, case ignored; an empty
     * list for a single ungrouped series), each with its bucket start → value.
     */
    record Series(List<String> groupKeys, Map<List<String>, SortedMap<Long, Double>> series) implements ExpectedAnswer {
        public Series {
            groupKeys = List.copyOf(groupKeys);
            series = Map.copyOf(series);
        }
    }

    /**
     * Log records: exactly these columns (any order) and these rows, in this order when {@code ordered}, else as a
     * multiset.
     */
    record Rows(List<String> columns, List<List<Object>> rows, boolean ordered) implements ExpectedAnswer {
        public Rows {
            columns = List.copyOf(columns);
            rows = List.copyOf(rows);
        }
    }

    /**
     * Log records that are the top {@code limit} of {@code candidates} by rank (per value of
     * {@code partitionColumn} when not null), largest first, where candidates of equal rank may appear in any order
     * and either of two tied candidates may make the cut: the answer must have exactly {@code columns}, as many
     * rows as the top of each partition, each row one distinct candidate, ranks not increasing along the rows of a
     * partition, and the multiset of ranks of the top.
     */
    record RankedRows(List<String> columns, List<Candidate> candidates, String partitionColumn, int limit)
            implements ExpectedAnswer {
        public RankedRows {
            columns = List.copyOf(columns);
            candidates = List.copyOf(candidates);
        }
    }

    /** A row that may be in a {@link RankedRows} answer, and its rank (need not be a column). */
    record Candidate(List<Object> row, double rank) {}

    /** What differs between {@code actual} (a {@link QueryResult} or a {@link MetricsRowResult}) and the expected answer. */
    static List<String> differences(ExpectedAnswer expected, Object actual) {
        return switch (expected) {
            case Series series -> seriesDifferences(series, (MetricsRowResult) actual);
            case Rows rows -> rowsDifferences(rows, (QueryResult) actual);
            case RankedRows ranked -> rankedDifferences(ranked, (QueryResult) actual);
        };
    }

    private static List<String> seriesDifferences(Series expected, MetricsRowResult actual) {
        List<String> differences = new ArrayList<>();
        Map<List<String>, MetricSeries> byGroup = new HashMap<>();
        for (MetricSeries series : actual.series()) {
            List<String> group = expected.groupKeys().stream().map(series::dimension).toList();
            if (byGroup.put(group, series) != null) {
                differences.add("two series for group " + group);
            }
        }
        if (!byGroup.keySet().equals(expected.series().keySet())) {
            differences.add("groups " + new TreeSet<>(byGroup.keySet().stream().map(Object::toString).toList())
                    + ", expected " + new TreeSet<>(expected.series().keySet().stream().map(Object::toString).toList()));
            return differences;
        }
        for (Map.Entry<List<String>, SortedMap<Long, Double>> entry : expected.series().entrySet()) {
            MetricSeries series = byGroup.get(entry.getKey());
            SortedMap<Long, Double> points = new TreeMap<>();
            for (int index = 0; index < series.size(); index++) {
                points.put(series.timestamps()[index], series.values()[index]);
            }
            if (!points.keySet().equals(entry.getValue().keySet())) {
                differences.add(entry.getKey() + ": " + points.size() + " buckets " + range(points) + ", expected "
                        + entry.getValue().size() + " " + range(entry.getValue()));
                continue;
            }
            for (Map.Entry<Long, Double> point : entry.getValue().entrySet()) {
                double value = points.get(point.getKey());
                if (Math.abs(value - point.getValue()) > 1e-9 * Math.max(1, Math.abs(point.getValue()))) {
                    differences.add(entry.getKey() + " at " + point.getKey() + ": " + value + ", expected " + point.getValue());
                    break;
                }
            }
        }
        return differences;
    }

    private static String range(SortedMap<Long, Double> points) {
        return points.isEmpty() ? "[]" : "[" + points.firstKey() + ".." + points.lastKey() + "]";
    }

    private static List<String> rowsDifferences(Rows expected, QueryResult actual) {
        List<String> differences = new ArrayList<>(columnDifferences(expected.columns(), actual));
        if (!differences.isEmpty()) {
            return differences;
        }
        List<List<String>> actualRows = project(actual, expected.columns());
        List<List<String>> expectedRows = expected.rows().stream().map(ExpectedAnswer::canonical).toList();
        if (expected.ordered()) {
            if (!actualRows.equals(expectedRows)) {
                differences.add("rows " + abbreviate(actualRows) + ", expected " + abbreviate(expectedRows));
            }
            return differences;
        }
        Map<List<String>, Integer> missing = multiset(expectedRows);
        List<List<String>> unexpected = new ArrayList<>();
        for (List<String> row : actualRows) {
            if (missing.merge(row, -1, Integer::sum) < 0) {
                unexpected.add(row);
            }
        }
        missing.values().removeIf(count -> count <= 0);
        if (!unexpected.isEmpty() || !missing.isEmpty()) {
            differences.add(actualRows.size() + " rows, expected " + expectedRows.size() + "; unexpected "
                    + abbreviate(unexpected) + ", missing " + abbreviate(new ArrayList<>(missing.keySet())));
        }
        return differences;
    }

    private static List<String> rankedDifferences(RankedRows expected, QueryResult actual) {
        List<String> differences = new ArrayList<>(columnDifferences(expected.columns(), actual));
        if (!differences.isEmpty()) {
            return differences;
        }
        int partition = expected.partitionColumn() == null ? -1 : indexOf(expected.columns(), expected.partitionColumn());
        Map<List<String>, Double> rankOf = new HashMap<>();
        Map<String, List<Double>> candidateRanks = new TreeMap<>();
        for (Candidate candidate : expected.candidates()) {
            List<String> row = canonical(candidate.row());
            rankOf.put(row, candidate.rank());
            candidateRanks.computeIfAbsent(partition < 0 ? "" : row.get(partition), key -> new ArrayList<>()).add(candidate.rank());
        }
        Map<String, List<Double>> actualRanks = new TreeMap<>();
        Map<List<String>, Integer> seen = new HashMap<>();
        for (List<String> row : project(actual, expected.columns())) {
            Double rank = rankOf.get(row);
            if (rank == null) {
                differences.add("unexpected row " + row);
                continue;
            }
            if (seen.merge(row, 1, Integer::sum) > 1) {
                differences.add("row twice " + row);
            }
            List<Double> ranks = actualRanks.computeIfAbsent(partition < 0 ? "" : row.get(partition), key -> new ArrayList<>());
            if (!ranks.isEmpty() && ranks.getLast() < rank) {
                differences.add("row " + row + " (rank " + rank + ") after one of rank " + ranks.getLast());
            }
            ranks.add(rank);
        }
        for (Map.Entry<String, List<Double>> entry : candidateRanks.entrySet()) {
            List<Double> ranks = new ArrayList<>(entry.getValue());
            ranks.sort(Collections.reverseOrder());
            List<Double> top = ranks.subList(0, Math.min(expected.limit(), ranks.size()));
            List<Double> got = new ArrayList<>(actualRanks.getOrDefault(entry.getKey(), List.of()));
            got.sort(Collections.reverseOrder());
            if (!got.equals(top)) {
                differences.add("partition '" + entry.getKey() + "': ranks " + abbreviate(got) + ", expected " + abbreviate(top));
            }
        }
        if (!candidateRanks.keySet().containsAll(actualRanks.keySet())) {
            differences.add("partitions " + actualRanks.keySet() + ", expected " + candidateRanks.keySet());
        }
        return differences;
    }

    private static List<String> columnDifferences(List<String> columns, QueryResult actual) {
        TreeSet<String> expected = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        expected.addAll(columns);
        TreeSet<String> got = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        actual.fields().forEach(field -> got.add(field.name()));
        if (!(expected.containsAll(got) && got.containsAll(expected))) {
            return List.of("columns " + got + ", expected " + expected);
        }
        return List.of();
    }

    private static List<List<String>> project(QueryResult actual, List<String> columns) {
        int[] indexes = columns.stream().mapToInt(actual::fieldIndex).toArray();
        List<List<String>> rows = new ArrayList<>();
        for (Object[] row : actual.rows()) {
            List<String> values = new ArrayList<>(indexes.length);
            for (int index : indexes) {
                values.add(canonical(row[index]));
            }
            rows.add(values);
        }
        return rows;
    }

    private static int indexOf(List<String> columns, String name) {
        for (int index = 0; index < columns.size(); index++) {
            if (columns.get(index).equalsIgnoreCase(name)) {
                return index;
            }
        }
        throw new IllegalArgumentException("no column " + name);
    }

    private static List<String> canonical(List<Object> row) {
        return row.stream().map(ExpectedAnswer::canonical).toList();
    }

    /* Numbers by value: a whole number without a fraction, otherwise Double.toString of the value. */
    private static String canonical(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (value instanceof Number || text.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            double number = Double.parseDouble(text);
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? Long.toString((long) number) : Double.toString(number);
        }
        return text;
    }

    private static Map<List<String>, Integer> multiset(List<List<String>> rows) {
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (List<String> row : rows) {
            counts.merge(row, 1, Integer::sum);
        }
        return counts;
    }

    private static String abbreviate(List<?> values) {
        String text = Objects.toString(values);
        return values.size() <= 12 ? text : values.subList(0, 12) + "... (" + values.size() + ")";
    }

    /** Lower-cases for case-insensitive keys. */
    static String key(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
