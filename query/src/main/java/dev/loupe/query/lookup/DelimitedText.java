package dev.loupe.query.lookup;

import java.util.ArrayList;
import java.util.List;

/**
 * The delimited-text dialect shared by CSV lookup files and the {@code csv} and {@code split} operators
 * (spec §2.2): a delimiter, a quote character (a doubled quote inside quotes is one quote) and an escape character
 * (the next character is taken literally). Quotes only have meaning at the start of a value. Stateless.
 *
 * @param delimiter separates values
 * @param quote encloses values that contain the delimiter
 * @param escape makes the next character literal
 */
public record DelimitedText(char delimiter, char quote, char escape) {
    /** Comma, double quote and backslash: the defaults of {@code csv} and of CSV files. */
    public static final DelimitedText CSV = new DelimitedText(',', '"', '\\');

    public DelimitedText {
        if (delimiter == quote || delimiter == escape || quote == escape) {
            throw new IllegalArgumentException("delimiter, quote and escape must be three different characters");
        }
    }

    /** Splits one line into values; line breaks are ordinary characters. */
    public List<String> split(String line) {
        List<List<String>> records = new ArrayList<>();
        parse(line, false, records);
        return records.get(0);
    }

    /** Splits a whole file into records: line breaks end a record except inside quotes; blank lines are skipped. */
    public List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        parse(text, true, records);
        records.removeIf(record -> record.size() == 1 && record.get(0).isEmpty());
        return records;
    }

    private void parse(String text, boolean multiline, List<List<String>> records) {
        List<String> values = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        boolean quoted = false;
        boolean atValueStart = true;
        int index = 0;
        int length = text.length();
        while (index < length) {
            char character = text.charAt(index);
            if (character == escape && index + 1 < length) {
                value.append(text.charAt(index + 1));
                index += 2;
                atValueStart = false;
                continue;
            }
            if (quoted) {
                if (character == quote) {
                    if (index + 1 < length && text.charAt(index + 1) == quote) {
                        value.append(quote);
                        index += 2;
                        continue;
                    }
                    quoted = false;
                } else {
                    value.append(character);
                }
                index++;
                continue;
            }
            if (character == quote && atValueStart) {
                quoted = true;
                atValueStart = false;
            } else if (character == delimiter) {
                values.add(value.toString());
                value.setLength(0);
                atValueStart = true;
            } else if (multiline && (character == '\n' || character == '\r')) {
                if (character == '\r' && index + 1 < length && text.charAt(index + 1) == '\n') {
                    index++;
                }
                values.add(value.toString());
                value.setLength(0);
                records.add(values);
                values = new ArrayList<>();
                atValueStart = true;
            } else {
                value.append(character);
                atValueStart = false;
            }
            index++;
        }
        if (!multiline || !values.isEmpty() || value.length() > 0 || records.isEmpty()) {
            values.add(value.toString());
            records.add(values);
        }
    }
}
