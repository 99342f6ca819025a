package dev.loupe.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics queries of the AWS API Gateway app ({@code shared/reference/apps/aws-api-gateway-app.json}), with
 * {@code {{var}}} replaced by {@code *} as the dashboards' All choice does: the metrics engine's tests and the
 * stores' metrics equivalence tests run them.
 */
public final class AppMetricsQueries {
    /** The app, relative to a module's folder (the tests' working directory). */
    public static final Path APP = Path.of("../../shared/reference/apps/aws-api-gateway-app.json");

    private AppMetricsQueries() {}

    /** Every panel query of type Metrics in the app, in document order. */
    public static List<String> of(Path app) throws IOException {
        List<String> queries = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(app.toFile())) {
            collect(parser, queries);
        }
        return queries;
    }

    private static void collect(JsonParser parser, List<String> queries) throws IOException {
        Map<String, String> scalars = new HashMap<>();
        while (parser.nextToken() != null) {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                collect(parser, queries);
            } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                break;
            } else if (token == JsonToken.VALUE_STRING) {
                scalars.put(parser.currentName(), parser.getText());
            }
        }
        if ("Metrics".equals(scalars.get("queryType")) && scalars.containsKey("queryString")) {
            queries.add(scalars.get("queryString").replaceAll("\\{\\{[^}]*}}", "*"));
        }
    }
}
