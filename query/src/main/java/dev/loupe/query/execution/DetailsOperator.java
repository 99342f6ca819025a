package dev.loupe.query.execution;

import dev.loupe.query.plan.AnalyticsNode;

/** {@code details <id>}: passes the rows whose field has the {@link Signatures} id {@code signatureId}. */
final class DetailsOperator implements RowOperator {
    private final AnalyticsNode.Details spec;
    private final RowOperator downstream;
    private final Signatures signatures = new Signatures();

    DetailsOperator(AnalyticsNode.Details spec, RowOperator downstream) {
        this.spec = spec;
        this.downstream = downstream;
    }

    @Override
    public boolean addInput(Row row) {
        String template = Signatures.template(Values.toText(row.values[spec.inputSlot()]));
        return template == null || signatures.id(template) != spec.signatureId() || downstream.addInput(row);
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
