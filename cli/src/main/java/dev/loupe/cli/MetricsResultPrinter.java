package dev.loupe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.query.metrics.MetricSeries;
import dev.loupe.query.metrics.MetricsRowResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints metrics query results: {@code json} one object per series ({@code rowId}, {@code dimensions},
 * {@code timestamps}, {@code values}); {@code csv} one line per point ({@code row,series,time,value}) with a
 * header; {@code table} the same columns aligned, times in the chosen zone.
 */
final class MetricsResultPrinter {
    private final OutputFormat format;
    private final ZoneId zone;
    private final ObjectMapper mapper = new ObjectMapper();

    MetricsResultPrinter(OutputFormat format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    void print(List<MetricsRowResult> rows, PrintWriter out) {
        switch (format) {
            case JSON -> printJson(rows, out);
            case CSV -> printLines(rows, out, true);
            case TABLE -> printLines(rows, out, false);
        }
        out.flush();
    }

    private void printJson(List<MetricsRowResult> rows, PrintWriter out) {
        for (MetricsRowResult row : rows) {
            for (MetricSeries series : row.series()) {
                ObjectNode node = mapper.createObjectNode().put("rowId", row.rowId());
                ObjectNode dimensions = node.putObject("dimensions");
                series.dimensions().forEach(dimensions::put);
                ArrayNode timestamps = node.putArray("timestamps");
                ArrayNode values = node.putArray("values");
                for (int index = 0; index < series.size(); index++) {
                    timestamps.add(series.timestamps()[index]);
                    values.add(series.values()[index]);
                }
                out.println(node);
            }
        }
    }

    private void printLines(List<MetricsRowResult> rows, PrintWriter out, boolean csv) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"row", "series", "time", "value"});
        for (MetricsRowResult row : rows) {
            for (MetricSeries series : row.series()) {
                String name = seriesName(series.dimensions());
                for (int index = 0; index < series.size(); index++) {
                    String time = csv ? Long.toString(series.timestamps()[index])
                            : Instant.ofEpochMilli(series.timestamps()[index]).atZone(zone).toLocalDateTime().toString();
                    lines.add(new String[] {row.rowId(), name, time, number(series.values()[index])});
                }
            }
        }
        if (csv) {
            for (String[] line : lines) {
                StringBuilder text = new StringBuilder();
                for (int column = 0; column < line.length; column++) {
                    text.append(column == 0 ? "" : ",").append(quote(line[column]));
                }
                out.println(text);
            }
            return;
        }
        int[] widths = new int[4];
        for (String[] line : lines) {
            for (int column = 0; column < line.length; column++) {
                widths[column] = Math.max(widths[column], line[column].length());
            }
        }
        for (String[] line : lines) {
            StringBuilder text = new StringBuilder();
            for (int column = 0; column < line.length; column++) {
                text.append(column == 0 ? "" : "  ").append(line[column]);
                text.append(" ".repeat(column == line.length - 1 ? 0 : widths[column] - line[column].length()));
            }
            out.println(text);
        }
        if (lines.size() == 1) {
            out.println("(no series)");
        }
    }

    /** {@code metric=cpu node=lb-1}: the series' dimensions, metric first. */
    static String seriesName(Map<String, String> dimensions) {
        StringBuilder name = new StringBuilder();
        String metric = dimensions.get("metric");
        if (metric != null) {
            name.append("metric=").append(metric);
        }
        for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
            if (!dimension.getKey().equals("metric")) {
                name.append(name.isEmpty() ? "" : " ").append(dimension.getKey()).append('=').append(dimension.getValue());
            }
        }
        return name.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static String quote(String text) {
        return text.indexOf(',') >= 0 || text.indexOf('"') >= 0 ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
