package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.FieldLayout;

/** Creates the row operators of the parse and lookup family ({@link EnrichNode}) for {@link QueryExecutor}. */
final class EnrichOperators {
    private EnrichOperators() {}

    /**
     * @param layout the query's final field layout (auto-extraction writes to the slots the query mentions)
     */
    static RowOperator create(EnrichNode node, FieldLayout layout, RowOperator downstream) {
        return switch (node) {
            case EnrichNode.Lookup lookup -> new LookupOperator(lookup, downstream);
            case EnrichNode.Split split -> new SplitOperator(split, downstream);
            case EnrichNode.KeyValueExtract keyValue -> new KeyValueOperator(keyValue, layout, downstream);
            case EnrichNode.JsonAuto json -> new JsonAutoOperator(json, layout, downstream);
            case EnrichNode.AutoParsedScope scope -> new AutoParsedScopeOperator(scope, downstream);
            case EnrichNode.XmlExtract xml -> new XmlExtractOperator(xml, downstream);
            case EnrichNode.Dedup dedup -> new DedupOperator(dedup, downstream);
            case EnrichNode.Bin bin -> new BinOperator(bin, downstream);
        };
    }
}
