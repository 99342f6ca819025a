package dev.loupe.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.loupe.query.QueryResult;
import dev.loupe.query.ResultField;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints a {@link QueryResult} as JSON lines, a table, or CSV. */
final class ResultPrinter {
    private static final int MAX_TABLE_CELL = 120;
    private static final JsonFactory JSON = new JsonFactory();

    private final OutputFormat format;
    private final ZoneId zone;

    ResultPrinter(OutputFormat format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    void print(QueryResult result, PrintWriter out) {
        switch (format) {
            case JSON -> printJson(result, out);
            case TABLE -> printTable(result, out);
            case CSV -> printCsv(result, out);
        }
        out.flush();
    }

    private static void printJson(QueryResult result, PrintWriter out) {
        List<ResultField> fields = result.fields();
        try {
            for (Object[] row : result.rows()) {
                JsonGenerator generator = JSON.createGenerator(nonClosing(out));
                generator.writeStartObject();
                for (int index = 0; index < fields.size(); index++) {
                    Object value = row[index];
                    if (value == null) {
                        continue;
                    }
                    generator.writeFieldName(fields.get(index).name());
                    switch (value) {
                        case Long number -> generator.writeNumber(number);
                        case Double number -> writeDouble(generator, number);
                        case Boolean bool -> generator.writeBoolean(bool);
                        default -> generator.writeString(value.toString());
                    }
                }
                generator.writeEndObject();
                generator.close();
                out.println();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeDouble(JsonGenerator generator, double number) throws IOException {
        if (Double.isFinite(number)) {
            generator.writeNumber(number);
        } else {
            generator.writeString(Double.toString(number));
        }
    }

    private void printTable(QueryResult result, PrintWriter out) {
        List<ResultField> fields = displayFields(result);
        List<String[]> cells = new ArrayList<>();
        String[] header = new String[fields.size()];
        int[] widths = new int[fields.size()];
        for (int column = 0; column < fields.size(); column++) {
            header[column] = fields.get(column).name();
            widths[column] = header[column].length();
        }
        for (Object[] row : result.rows()) {
            String[] line = new String[fields.size()];
            for (int column = 0; column < fields.size(); column++) {
                String text = displayValue(fields.get(column), row[result.fieldIndex(fields.get(column).name())]);
                text = text.replace('\n', ' ').replace('\r', ' ');
                if (text.length() > MAX_TABLE_CELL) {
                    text = text.substring(0, MAX_TABLE_CELL - 1) + "…";
                }
                line[column] = text;
                widths[column] = Math.max(widths[column], text.length());
            }
            cells.add(line);
        }
        printTableLine(out, header, widths);
        String[] rule = new String[fields.size()];
        for (int column = 0; column < fields.size(); column++) {
            rule[column] = "-".repeat(widths[column]);
        }
        printTableLine(out, rule, widths);
        for (String[] line : cells) {
            printTableLine(out, line, widths);
        }
        out.println("(" + result.rows().size() + (result.kind() == QueryResult.Kind.MESSAGES ? " messages)" : " records)"));
    }

    /** For messages, the time, the extracted fields and the raw text; for records, every column. */
    private static List<ResultField> displayFields(QueryResult result) {
        if (result.kind() == QueryResult.Kind.RECORDS) {
            return result.fields();
        }
        List<ResultField> shown = new ArrayList<>();
        ResultField raw = null;
        for (ResultField field : result.fields()) {
            String name = field.name().toLowerCase(Locale.ROOT);
            if (name.equals("_messagetime")) {
                shown.add(0, field);
            } else if (name.equals("_raw")) {
                raw = field;
            } else if (!name.startsWith("_")) {
                shown.add(field);
            }
        }
        if (raw != null) {
            shown.add(raw);
        }
        return shown;
    }

    private String displayValue(ResultField field, Object value) {
        if (value == null) {
            return "";
        }
        String name = field.name().toLowerCase(Locale.ROOT);
        if (value instanceof Long millis && (name.equals("_messagetime") || name.equals("_receipttime") || name.equals("_timeslice"))) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochMilli(millis).atZone(zone));
        }
        return value.toString();
    }

    private static void printTableLine(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.length; column++) {
            if (column > 0) {
                line.append("  ");
            }
            line.append(cells[column]);
            if (column < cells.length - 1) {
                line.append(" ".repeat(widths[column] - cells[column].length()));
            }
        }
        out.println(line);
    }

    private static void printCsv(QueryResult result, PrintWriter out) {
        List<ResultField> fields = result.fields();
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < fields.size(); column++) {
            if (column > 0) {
                line.append(',');
            }
            appendCsv(line, fields.get(column).name());
        }
        out.print(line.append("\r\n"));
        for (Object[] row : result.rows()) {
            line.setLength(0);
            for (int column = 0; column < fields.size(); column++) {
                if (column > 0) {
                    line.append(',');
                }
                appendCsv(line, row[column] == null ? "" : row[column].toString());
            }
            out.print(line.append("\r\n"));
        }
    }

    private static void appendCsv(StringBuilder line, String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        if (!quote) {
            line.append(value);
            return;
        }
        line.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    private static Writer nonClosing(PrintWriter out) {
        return new Writer() {
            @Override
            public void write(char[] buffer, int offset, int length) {
                out.write(buffer, offset, length);
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }
}
