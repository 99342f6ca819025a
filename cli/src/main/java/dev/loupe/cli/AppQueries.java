package dev.loupe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The log queries of Sumo Logic app definitions (JSON content exports), as {@code loupe check} input lines with
 * their template parameters ({@code {{var}}}) replaced by {@code *}, as a dashboard does when a variable is unset.
 */
final class AppQueries {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AppQueries() {}

    /** {@code ../shared/reference/apps} beside the checkout ({@code loupe.home}, else the working directory). */
    static Path defaultDirectory() {
        Path home = Path.of(System.getProperty("loupe.home", ".")).toAbsolutePath().normalize();
        return home.resolveSibling("shared").resolve("reference").resolve("apps");
    }

    /** Every distinct log query of every {@code .json} file under {@code directory}, as check input lines. */
    static List<String> logQueryLines(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new LoupeException(ErrorCode.NOT_FOUND, "no app definitions folder at " + directory + "; pass --apps DIR");
        }
        Set<String> queries = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                collect(MAPPER.readTree(file.toFile()), queries);
            }
        }
        List<String> lines = new ArrayList<>();
        for (String query : queries) {
            lines.add(MAPPER.createObjectNode().put("queryType", "logs").put("query", query.replaceAll("\\{\\{[^}]*}}", "*")).toString());
        }
        return lines;
    }

    private static void collect(JsonNode node, Set<String> queries) {
        if (node.isObject()) {
            JsonNode type = node.get("queryType");
            JsonNode text = node.get("queryString");
            if (type != null && text != null && type.asText().equalsIgnoreCase("logs")) {
                queries.add(text.asText());
            }
            node.elements().forEachRemaining(child -> collect(child, queries));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, queries));
        }
    }
}
