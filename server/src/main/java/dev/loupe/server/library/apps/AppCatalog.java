package dev.loupe.server.library.apps;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.server.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The apps shipped inside Loupe: {@code apps/catalog.json} (resources beside this package's parent) lists each
 * app's {@code appDefinition}, {@code appManifest} and content file, a {@code ContentSyncDefinition} kept exactly as
 * its author published it (see {@code apps/README.md}). Loaded once; immutable and thread-safe.
 */
public final class AppCatalog {
    private static final String RESOURCES = "/dev/loupe/server/library/apps/";

    /** Sumo's {@code App}: the definition and the manifest. */
    public record App(JsonNode appDefinition, JsonNode appManifest) {}

    /** The body of {@code GET /api/v1/apps}. */
    public record AppList(List<App> apps) {}

    private record Entry(App app, ObjectNode content, List<FieldExtractionRule> fieldExtractionRules) {}

    private final Map<String, Entry> apps = new LinkedHashMap<>();

    /** Reads the catalog and every app's content from the server's resources. */
    public AppCatalog(ObjectMapper mapper) {
        JsonNode catalog = read(mapper, "catalog.json");
        for (JsonNode app : catalog.path("apps")) {
            JsonNode content = read(mapper, app.path("content").asText());
            if (!(content instanceof ObjectNode object)) {
                throw new IllegalStateException("app content " + app.path("content") + " is not a JSON object");
            }
            List<FieldExtractionRule> rules = new ArrayList<>();
            for (JsonNode ruleName : app.path("fieldExtractionRules")) {
                rules.add(FieldExtractionRule.shipped(ruleName.asText()).orElseThrow(() -> new IllegalStateException(
                        "the catalog names field extraction rule '" + ruleName.asText() + "', which Loupe does not ship")));
            }
            apps.put(app.path("appDefinition").path("uuid").asText(), new Entry(new App(app.get("appDefinition"),
                    app.get("appManifest")), object, List.copyOf(rules)));
        }
    }

    private static JsonNode read(ObjectMapper mapper, String name) {
        try (InputStream stream = AppCatalog.class.getResourceAsStream(RESOURCES + name)) {
            if (stream == null) {
                throw new IllegalStateException(RESOURCES + name + " is missing from the server's resources");
            }
            return mapper.readTree(stream);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + RESOURCES + name, exception);
        }
    }

    /** Every app, in catalog order. */
    public AppList list() {
        List<App> list = new ArrayList<>();
        apps.values().forEach(entry -> list.add(entry.app()));
        return new AppList(list);
    }

    /** One app. @throws ApiException 404 {@code app:not_found} for an unknown uuid */
    public App app(String uuid) {
        return entry(uuid).app();
    }

    /** A copy of an app's content definition. @throws ApiException 404 for an unknown uuid */
    public ObjectNode content(String uuid) {
        return entry(uuid).content().deepCopy();
    }

    /** The field extraction rules installing the app installs (the API Gateway app: its CloudTrail rule). */
    public List<FieldExtractionRule> fieldExtractionRules(String uuid) {
        return entry(uuid).fieldExtractionRules();
    }

    /** The {@code parameterId}s of an app's data source parameters. */
    public List<String> parameterIds(String uuid) {
        List<String> ids = new ArrayList<>();
        entry(uuid).app().appManifest().path("parameters").forEach(parameter -> ids.add(parameter.path(
                "parameterId").asText()));
        return ids;
    }

    private Entry entry(String uuid) {
        Entry entry = apps.get(uuid);
        if (entry == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, 404, "app:not_found", "there is no app with uuid '" + uuid
                    + "'");
        }
        return entry;
    }
}
