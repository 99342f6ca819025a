package dev.loupe.query.plan;

import static java.util.Objects.requireNonNull;

import dev.loupe.query.lookup.DelimitedText;
import dev.loupe.query.lookup.LookupTable;
import dev.loupe.store.spi.KeywordExpression;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The streaming steps of the parse and lookup family, carried by {@link PlanNode.Enrich}. Parse-family nodes
 * ({@link KeyValueExtract}, {@link JsonAuto}, {@link XmlExtract}) take part in nodrop runs like
 * {@link PlanNode.JsonExtract}: {@code inheritsRun} is true when the previous node is a parse-family node with
 * {@code nodrop}.
 */
public sealed interface EnrichNode {

    /**
     * {@code lookup}: reads {@code keySlots} (aligned with the table's key columns), writes table column
     * {@code columnIndexes[i]} into {@code outputSlots[i]}; a miss or a null key writes nulls.
     */
    record Lookup(LookupTable table, int[] keySlots, int[] columnIndexes, int[] outputSlots) implements EnrichNode {
        public Lookup {
            requireNonNull(table, "table is null");
            requireNonNull(keySlots, "keySlots is null");
            requireNonNull(columnIndexes, "columnIndexes is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code csv}/{@code split}: value {@code positions[i]} (0-based) goes to {@code outputSlots[i]}; a missing
     * position writes null. Never drops a row.
     */
    record Split(int inputSlot, DelimitedText dialect, int[] positions, int[] outputSlots) implements EnrichNode {
        public Split {
            requireNonNull(dialect, "dialect is null");
            requireNonNull(positions, "positions is null");
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * {@code kv}: in infer and regex modes, key {@code keys[i]} goes to {@code outputSlots[i]}; in auto mode every
     * pair goes to the slot of its (sanitised) key name when the query mentions it (the executor passes the final
     * layout).
     *
     * @param regex the user's pattern in regex mode, else null
     * @param delimiter the auto-mode separator between key and value
     */
    record KeyValueExtract(KeyValueMode mode, int inputSlot, Pattern regex, List<String> keys, int[] outputSlots,
            String delimiter, boolean refonly, boolean nodrop, boolean inheritsRun)
            implements EnrichNode {
        public KeyValueExtract {
            requireNonNull(mode, "mode is null");
            keys = List.copyOf(keys);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** The modes of {@link KeyValueExtract}. */
    enum KeyValueMode {
        INFER,
        REGEX_KEY_VALUE,
        REGEX_VALUE,
        AUTO
    }

    /**
     * {@code json auto}: flattens the last JSON object of the input; listed keys go to {@code outputSlots}, other
     * keys (unless {@code refonly}) to the slots the query mentions.
     *
     * @param maxDepth deepest level flattened, 0 for no limit
     */
    record JsonAuto(int inputSlot, int maxDepth, boolean extractArrays, List<String> keys, int[] outputSlots,
            boolean refonly, boolean nodrop, boolean inheritsRun) implements EnrichNode {
        public JsonAuto {
            keys = List.copyOf(keys);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /**
     * The scope of an {@code AutoParse} query ({@link dev.loupe.query.QueryContext#autoParse()}), checked again
     * after the JSON fields were extracted: {@code field=value} terms naming {@code fieldNames} match the value in
     * their slot (the JSON field, else the custom field), everything else as the store matches it. The store was
     * asked for a wider scope, so this drops what it let through.
     *
     * @param scope the query's scope as written
     * @param fieldNames the scope's fields that are no built-in field, as written
     * @param fieldSlots the slot of each of {@code fieldNames}
     */
    record AutoParsedScope(KeywordExpression scope, List<String> fieldNames, int[] fieldSlots) implements EnrichNode {
        public AutoParsedScope {
            requireNonNull(scope, "scope is null");
            fieldNames = List.copyOf(fieldNames);
            requireNonNull(fieldSlots, "fieldSlots is null");
        }
    }

    /** {@code parse xml}: the value at {@code paths[i]} goes to {@code outputSlots[i]}; all paths must match. */
    record XmlExtract(int inputSlot, List<XmlPath> paths, int[] outputSlots, boolean nodrop, boolean inheritsRun)
            implements EnrichNode {
        public XmlExtract {
            paths = List.copyOf(paths);
            requireNonNull(outputSlots, "outputSlots is null");
        }
    }

    /** {@code dedup}: keeps the first {@code count} rows per key (adjacent rows only when consecutive). */
    record Dedup(int[] keySlots, long count, boolean consecutive) implements EnrichNode {
        public Dedup {
            requireNonNull(keySlots, "keySlots is null");
        }
    }

    /**
     * {@code bin}: writes {@code _bin_label}, {@code _bin_lower}, {@code _bin_upper}.
     *
     * @param min lower bound of the first bin (NaN: bins start at multiples of the width)
     * @param max values at or above go to the last bin (NaN: no clamp)
     */
    record Bin(int inputSlot, double width, double min, double max, int labelSlot, int lowerSlot, int upperSlot)
            implements EnrichNode {}
}
