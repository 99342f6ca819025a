package dev.loupe.server.library.apps;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.ingest.extraction.FieldExtractionRule;
import dev.loupe.server.ApiException;
import dev.loupe.server.extraction.FieldExtractionRuleStore;
import dev.loupe.server.library.AsyncJobs;
import dev.loupe.server.library.ContentId;
import dev.loupe.server.library.ContentTransfer;
import dev.loupe.server.library.LibraryCaller;
import dev.loupe.server.library.SyncDefinitions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs a catalog app: its content folder, renamed and re-described as the request asks, is imported under
 * the destination folder, with every {@code $$<parameterId>} in a query string replaced by the data source value
 * given for that parameter, and the app's field extraction rules are saved (replacing same-named ones), so they
 * run on messages ingested from then on. Runs as an {@link AsyncJobs} job. Thread-safe.
 */
public final class AppInstaller {
    /** The job scope of installs: the status URL carries no app uuid. */
    public static final String JOB_SCOPE = "apps";

    private final AppCatalog catalog;
    private final ContentTransfer transfer;
    private final AsyncJobs jobs;
    private final FieldExtractionRuleStore fieldExtractionRules;

    /** @param fieldExtractionRules where an install puts the app's field extraction rules */
    public AppInstaller(AppCatalog catalog, ContentTransfer transfer, AsyncJobs jobs,
            FieldExtractionRuleStore fieldExtractionRules) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.transfer = requireNonNull(transfer, "transfer is null");
        this.jobs = requireNonNull(jobs, "jobs is null");
        this.fieldExtractionRules = requireNonNull(fieldExtractionRules, "fieldExtractionRules is null");
    }

    /**
     * Checks the request ({@code name}, {@code description} and {@code destinationFolderId} required; the
     * destination must be a folder the caller may edit) and starts the install job.
     *
     * @throws ApiException 400 for a bad request, 404 for an unknown app or folder, 403 without Edit
     */
    public AsyncJobs.Started install(LibraryCaller caller, String uuid, JsonNode request) {
        ObjectNode content = catalog.content(uuid);
        String name = required(request, "name");
        String description = required(request, "description");
        ContentId destination = ContentId.parse(required(request, "destinationFolderId"));
        Map<String, String> values = dataSourceValues(request.path("dataSourceValues"), catalog.parameterIds(uuid));
        transfer.checkImportTarget(caller, destination);
        content.put("name", name);
        content.put("description", description);
        substitute(content, values);
        List<FieldExtractionRule> rules = catalog.fieldExtractionRules(uuid);
        return jobs.start(AsyncJobs.Kind.APP_INSTALL, JOB_SCOPE, caller.userId(), () -> {
            ContentId folder = transfer.importDefinition(caller, destination, SyncDefinitions.parse(content), false);
            rules.forEach(fieldExtractionRules::save);
            return new AsyncJobs.Completion("id:" + folder, null);
        });
    }

    private static Map<String, String> dataSourceValues(JsonNode json, List<String> parameterIds) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json.isMissingNode() || json.isNull()) {
            return values;
        }
        if (!json.isObject()) {
            throw invalid("dataSourceValues must be an object of parameterId to source expression");
        }
        for (Map.Entry<String, JsonNode> entry : json.properties()) {
            if (!parameterIds.contains(entry.getKey())) {
                throw invalid("dataSourceValues names '" + entry.getKey() + "', which is not a parameter of this "
                        + "app (" + String.join(", ", parameterIds) + ")");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        }
        return values;
    }

    /** Replaces {@code $$<parameterId>} in every {@code queryString} of the tree, in place. */
    static void substitute(JsonNode node, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getKey().equals("queryString") && field.getValue().isTextual()) {
                    String query = field.getValue().asText();
                    for (Map.Entry<String, String> value : values.entrySet()) {
                        query = query.replace("$$" + value.getKey(), value.getValue());
                    }
                    field.setValue(TextNode.valueOf(query));
                } else {
                    substitute(field.getValue(), values);
                }
            }
        } else if (node.isArray()) {
            node.forEach(element -> substitute(element, values));
        }
    }

    private static String required(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(field + " is required");
        }
        return value.asText();
    }

    private static ApiException invalid(String message) {
        return new ApiException(ErrorCode.INVALID_INPUT, 400, "app:invalid_request", message);
    }
}
