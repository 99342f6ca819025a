package dev.loupe.ingest.metrics;

import dev.loupe.store.spi.metrics.MetricSample;
import java.util.HashMap;
import java.util.Map;

/**
 * Graphite plaintext: {@code metric.path value [timestamp]}, fields separated by spaces or tabs. The whole path
 * becomes the {@code metric} tag (so {@code metric=prod.lb-1.cpu} selects it; wildcards such as
 * {@code metric=prod.*.cpu} work on it as on any tag). The path is the point's only tag.
 */
final class GraphiteLineParser implements MetricLineParser {

    @Override
    public ParsedLine parse(String line) throws MalformedLineException {
        String[] fields = line.strip().split("[ \\t]+");
        if (fields.length < 2 || fields.length > 3) {
            throw new MalformedLineException("a graphite line is 'metric.path value [epochSeconds]', this one has "
                    + fields.length + (fields.length == 1 ? " field" : " fields"));
        }
        String path = fields[0];
        if (path.indexOf('=') >= 0) {
            throw new MalformedLineException("graphite path '" + path
                    + "' contains '=': is this carbon2 sent as application/vnd.sumologic.graphite?");
        }
        double value = MetricNumbers.value(fields[1]);
        long timestamp = fields.length == 3 ? MetricNumbers.timestampMillis(fields[2]) : NO_TIMESTAMP;
        Map<String, String> tags = new HashMap<>(2);
        tags.put(MetricSample.METRIC, path);
        return new ParsedLine(tags, Map.of(), value, timestamp);
    }
}
