package dev.loupe.query.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The operator names of the log query language (spec §2.1): what runs today and what is only recognised. */
final class OperatorCatalog {
    /** Operators (and aggregate keywords) this engine parses and runs. */
    static final Set<String> SUPPORTED = Set.of("json", "parse", "extract", "where", "fields", "count",
            "count_distinct", "sum", "avg", "min", "max", "sort", "order", "limit", "top", "csv", "split", "keyvalue", "kv",
            "dedup", "bin", "lookup", "geoip", "threatip", "timeslice", "withtime", "transpose", "topk", "fillmissing",
            "rollingstd", "count_frequent", "stddev", "pct", "pct_sampling", "most_recent", "least_recent", "join",
            "filter", "merge", "transactionize", "cat");

    /**
     * Operators the engine runs whose names are also common words ({@code total}, {@code first}): they are
     * operators after a {@code |} but never turn a leading keyword search into an operator (see QueryParser).
     */
    static final Set<String> SUPPORTED_AFTER_PIPE = Set.of("compare", "total", "accum", "diff", "backshift",
            "smooth", "outlier", "predict", "median", "first", "last", "values", "threatlookup", "save", "transaction",
            "sessionize", "trace", "logreduce", "summarize", "logexplain", "logcompare", "details");

    /** Operators of the language recognised by name and rejected with {@code QUERY_UNSUPPORTED}. */
    static final Set<String> UNSUPPORTED = Set.of();

    /** Every known name, for suggestions. */
    static final List<String> ALL = all();

    private OperatorCatalog() {}

    private static List<String> all() {
        List<String> names = new ArrayList<>(SUPPORTED);
        names.addAll(SUPPORTED_AFTER_PIPE);
        names.addAll(UNSUPPORTED);
        names.sort(null);
        return List.copyOf(names);
    }
}
