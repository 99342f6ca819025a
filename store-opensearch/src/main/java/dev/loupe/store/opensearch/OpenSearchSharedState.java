package dev.loupe.store.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.spi.state.SharedStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SharedStateStore} on an OpenSearch cluster: the document is the {@code state} object (not indexed) of
 * document {@value #DOCUMENT} in index {@code <prefix>-state} (one primary shard, created at open). The version is
 * the document's {@code _seq_no} and {@code _primary_term}; {@link #replace} writes with {@code if_seq_no} and
 * {@code if_primary_term} (or {@code op_type=create} for the first document), so a concurrent writer's change is
 * never overwritten: the cluster answers 409 and the caller reloads. Reads are real-time gets (no refresh needed).
 * Thread-safe.
 */
public final class OpenSearchSharedState implements SharedStateStore {
    static final String DOCUMENT = "server-database";

    private final OpenSearchConnection connection;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String index;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OpenSearchSharedState(OpenSearchConnection connection, String indexPrefix) {
        this.connection = connection;
        this.index = indexPrefix + "-state";
        ObjectNode body = mapper.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1);
        ObjectNode mappings = body.putObject("mappings");
        mappings.put("dynamic", "strict");
        mappings.putObject("properties").putObject("state").put("type", "object").put("enabled", false);
        OpenSearchConnection.Response created = connection.send("PUT", "/" + index, bytes(body), OpenSearchConnection.JSON);
        if (!created.isSuccess() && !created.text().contains("resource_already_exists_exception")) {
            throw OpenSearchConnection.failure("creating the shared state index", created.status(), created.text());
        }
    }

    /**
     * Connects to the cluster and creates the state index if needed.
     *
     * @throws LoupeException {@code OVERLOADED} when no node answers, {@code STORAGE_FAILURE} when the cluster refuses
     */
    public static OpenSearchSharedState open(OpenSearchSettings settings) {
        OpenSearchConnection connection = new OpenSearchConnection(settings);
        try {
            return new OpenSearchSharedState(connection, settings.indexPrefix());
        } catch (RuntimeException failure) {
            connection.close();
            throw failure;
        }
    }

    @Override
    public Optional<Version> currentVersion() {
        return get(false).map(Versioned::version);
    }

    @Override
    public Optional<Versioned> load() {
        return get(true);
    }

    private Optional<Versioned> get(boolean withDocument) {
        ensureOpen();
        OpenSearchConnection.Response response = connection.send("GET", "/" + index + "/_doc/" + DOCUMENT
                + (withDocument ? "" : "?_source=false"), null, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw OpenSearchConnection.failure("reading the shared state", response.status(), response.text());
        }
        JsonNode answer = read(response);
        if (!answer.path("found").asBoolean()) {
            return Optional.empty();
        }
        Version version = new Version(answer.path("_seq_no").asLong(), answer.path("_primary_term").asLong());
        byte[] document = withDocument ? bytes(answer.path("_source").path("state")) : new byte[0];
        return Optional.of(new Versioned(version, document));
    }

    @Override
    public Optional<Version> replace(Optional<Version> expected, byte[] document) {
        ensureOpen();
        String condition = expected.map(version -> "if_seq_no=" + version.sequenceNumber() + "&if_primary_term=" + version.term())
                .orElse("op_type=create");
        byte[] body = ("{\"state\":" + new String(document, StandardCharsets.UTF_8) + "}").getBytes(StandardCharsets.UTF_8);
        OpenSearchConnection.Response response = connection.send("PUT", "/" + index + "/_doc/" + DOCUMENT + "?" + condition,
                body, OpenSearchConnection.JSON);
        if (response.status() == 409) {
            return Optional.empty();
        }
        if (!response.isSuccess()) {
            throw OpenSearchConnection.failure("storing the shared state", response.status(), response.text());
        }
        JsonNode answer = read(response);
        return Optional.of(new Version(answer.path("_seq_no").asLong(), answer.path("_primary_term").asLong()));
    }

    private JsonNode read(OpenSearchConnection.Response response) {
        try {
            return mapper.readTree(response.body());
        } catch (IOException unreadable) {
            throw new LoupeException(ErrorCode.STORAGE_FAILURE, "OpenSearch sent an unreadable answer: " + unreadable.getMessage(), unreadable);
        }
    }

    private byte[] bytes(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the OpenSearch shared state is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }
}
