package dev.loupe.query.execution;

import dev.loupe.query.plan.SeriesNode;

/** Creates the operator of a {@link SeriesNode}. */
final class SeriesOperators {
    private SeriesOperators() {}

    static RowOperator create(SeriesNode node, SeriesContext context, RowOperator downstream) {
        return switch (node) {
            case SeriesNode.Timeslice timeslice -> new TimesliceOperator(timeslice, context, downstream);
            case SeriesNode.Transpose transpose -> new TransposeOperator(transpose, context, downstream);
            case SeriesNode.TopK topk -> new TopKOperator(topk, downstream);
            case SeriesNode.FillMissing fill -> new FillMissingOperator(fill, context, downstream);
            case SeriesNode.Compare compare -> new CompareOperator(compare, context, downstream);
            case SeriesNode.Window window -> new WindowOperator(window, downstream);
            case SeriesNode.Outlier outlier -> new OutlierOperator(outlier, downstream);
            case SeriesNode.Predict predict -> new PredictOperator(predict, context, downstream);
        };
    }
}
