package dev.loupe.query.ast;

import static java.util.Objects.requireNonNull;

import dev.loupe.core.SourceSpan;
import dev.loupe.query.ast.Expression.FieldReference;
import dev.loupe.query.ast.Expression.StringLiteral;
import java.util.List;

/**
 * The operators of the parse and lookup family that {@link Operator.Enrich} carries (spec §2.2, §2.8, §2.12,
 * §2.13): they extract or add fields, or thin the stream, row by row. Optional parts are null when absent.
 */
public sealed interface EnrichOperator {

    /** The whole operator text. */
    SourceSpan span();

    /** Whether this is a parse-family operator taking part in nodrop runs (spec §2.2). */
    default boolean parseFamily() {
        return switch (this) {
            case KeyValue keyValue -> true;
            case JsonAuto json -> true;
            case ParseXml xml -> true;
            case Split split -> false;
            case Lookup lookup -> false;
            case Dedup dedup -> false;
            case Bin bin -> false;
        };
    }

    /** Whether the operator carries {@code nodrop}. */
    default boolean nodrop() {
        return switch (this) {
            case KeyValue keyValue -> keyValue.nodrop();
            case JsonAuto json -> json.nodrop();
            case ParseXml xml -> xml.nodrop();
            case Split split -> false;
            case Lookup lookup -> false;
            case Dedup dedup -> false;
            case Bin bin -> false;
        };
    }

    /**
     * {@code lookup c1 [as a], c2 from <table> on f=c [and f2=c2]}, {@code lookup * from ...}, and the
     * {@code geoip}/{@code threatip} shorthands.
     *
     * @param columns the requested columns; empty for {@code *}
     * @param table the table reference as written, for {@link dev.loupe.query.lookup.TableReference#parse}
     */
    record Lookup(List<LookupColumn> columns, String table, SourceSpan tableSpan, List<LookupJoin> joins,
            SourceSpan span) implements EnrichOperator {
        public Lookup {
            columns = List.copyOf(columns);
            requireNonNull(table, "table is null");
            requireNonNull(tableSpan, "tableSpan is null");
            joins = List.copyOf(joins);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * One output column of a lookup.
     *
     * @param alias the output field, or null for the column name
     */
    record LookupColumn(String column, FieldReference alias, SourceSpan span) {
        public LookupColumn {
            requireNonNull(column, "column is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * One pair of a lookup's {@code on} clause: {@code left = right}, or {@code on name} (right null) when the event
     * field and the table column share a name. Which side names the table column is decided against the table's
     * columns by the analyzer.
     */
    record LookupJoin(FieldReference left, FieldReference right, SourceSpan span) {
        public LookupJoin {
            requireNonNull(left, "left is null");
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code csv f [delim=',', escape='\', quote='"'] extract ...} and {@code split f [delim=...] extract ...}.
     *
     * @param items the extracted positions, in the order written
     */
    record Split(FieldReference field, char delimiter, char quote, char escape, List<ExtractItem> items,
            SourceSpan span) implements EnrichOperator {
        public Split {
            requireNonNull(field, "field is null");
            items = List.copyOf(items);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * One item of an {@code extract} list.
     *
     * @param position the 1-based value position
     * @param alias the output field, or null for a skipped position ({@code _})
     */
    record ExtractItem(int position, FieldReference alias, SourceSpan span) {
        public ExtractItem {
            requireNonNull(span, "span is null");
        }
    }

    /** The three ways {@code kv} finds pairs. */
    enum KeyValueMode {
        /** Built-in patterns {@code k=v}, {@code k: v}, {@code k -> v}, quoted values; keys listed. */
        INFER,
        /** A regex with a key and a value group, or a value group only; keys listed. */
        REGEX,
        /** Every pair, left to right. */
        AUTO
    }

    /**
     * {@code kv [field=f] "k1", "k2" [as a, b] [nodrop]}, {@code kv infer keys ...}, {@code kv regex "re" keys ...},
     * {@code kv auto [delim "d"] [keys ... [refonly]]}.
     *
     * @param regex the pattern in regex mode, else null
     * @param delimiter the key/value separator in auto mode, or null for {@code =}
     */
    record KeyValue(KeyValueMode mode, FieldReference field, StringLiteral regex, List<StringLiteral> keys,
            List<FieldReference> aliases, String delimiter, boolean refonly, boolean nodrop, SourceSpan span)
            implements EnrichOperator {
        public KeyValue {
            requireNonNull(mode, "mode is null");
            keys = List.copyOf(keys);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code json auto [field=f] [maxdepth N] [extractarrays] [keys "k"... [as ...] [refonly]] [nodrop]} and
     * {@code json keys "k"...}.
     *
     * @param maxDepth the deepest level flattened (1 = top-level keys only), or 0 for no limit
     */
    record JsonAuto(FieldReference field, int maxDepth, boolean extractArrays, List<StringLiteral> keys,
            List<FieldReference> aliases, boolean refonly, boolean nodrop, SourceSpan span)
            implements EnrichOperator {
        public JsonAuto {
            keys = List.copyOf(keys);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /** {@code parse xml [field=f] "/a/b/text()", "/a/@id" [as x, y] [nodrop]}. */
    record ParseXml(FieldReference field, List<StringLiteral> paths, List<FieldReference> aliases, boolean nodrop,
            SourceSpan span) implements EnrichOperator {
        public ParseXml {
            paths = List.copyOf(paths);
            aliases = List.copyOf(aliases);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code dedup [consecutive] [N] [by f1, f2]}.
     *
     * @param by the key fields; empty for {@code _raw}
     */
    record Dedup(boolean consecutive, long count, List<FieldReference> by, SourceSpan span) implements EnrichOperator {
        public Dedup {
            by = List.copyOf(by);
            requireNonNull(span, "span is null");
        }
    }

    /**
     * {@code bin f width=W[, min=m][, max=M]}.
     *
     * @param min the lowest bin's lower bound, or null (0 when computing bins, no clamping)
     * @param max values above go to the last bin, or null for no upper clamp
     */
    record Bin(FieldReference field, double width, Double min, Double max, SourceSpan span) implements EnrichOperator {
        public Bin {
            requireNonNull(field, "field is null");
            requireNonNull(span, "span is null");
        }
    }
}
