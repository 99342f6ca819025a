package dev.loupe.query.parser;

import java.io.IOException;
import java.util.List;

/** Lets tests in other packages read the app-content query fixtures. */
public final class QueryParserTestAccess {
    private QueryParserTestAccess() {}

    public static List<String> appContentQueries() throws IOException {
        return QueryParserTest.appContentQueries();
    }
}
