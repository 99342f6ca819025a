package dev.loupe.query.lookup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads CSV files as {@link InMemoryLookupTable}s: the first record is the header (required), values are
 * comma-separated with {@code "} quotes, a missing trailing value is empty, and duplicate keys keep the last row
 * (reported in {@link InMemoryLookupTable#warnings()}).
 */
public final class CsvLookupTables {
    private CsvLookupTables() {}

    /**
     * Reads a table from CSV text.
     *
     * @param keyColumns the key columns, each a header name
     * @throws IllegalArgumentException for an empty file, a blank or duplicate header name, a record with more
     *     values than the header, an unknown key column, or an empty key value
     */
    public static InMemoryLookupTable parse(String text, List<String> keyColumns) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> records = DelimitedText.CSV.records(content);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the CSV file is empty; a header row is required");
        }
        List<String> header = new ArrayList<>();
        for (String name : records.get(0)) {
            String trimmed = name.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException("the CSV header has a blank column name");
            }
            header.add(trimmed);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int index = 1; index < records.size(); index++) {
            List<String> record = records.get(index);
            if (record.size() > header.size()) {
                throw new IllegalArgumentException("CSV record " + (index + 1) + " has " + record.size()
                        + " values but the header has " + header.size() + " columns");
            }
            List<String> row = new ArrayList<>(record);
            while (row.size() < header.size()) {
                row.add("");
            }
            rows.add(row);
        }
        return new InMemoryLookupTable(header, keyColumns, rows);
    }

    /**
     * Reads a UTF-8 CSV file.
     *
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException as {@link #parse}, prefixed with the file name
     */
    public static InMemoryLookupTable load(Path file, List<String> keyColumns) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text, keyColumns);
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(file + ": " + invalid.getMessage(), invalid);
        }
    }
}
