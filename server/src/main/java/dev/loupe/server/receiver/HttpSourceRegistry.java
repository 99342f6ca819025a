package dev.loupe.server.receiver;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP sources and their tokens, persisted as JSON in {@code <dataDirectory>/http-sources.json}.
 * Thread-safe.
 *
 * <p>{@link #open} creates a source named {@value #DEFAULT_SOURCE_NAME} when the file does not exist yet, so a
 * fresh server can receive logs at once. Tokens are 32 random bytes from {@link SecureRandom}, URL-safe base64
 * (43 characters), and are compared in constant time.
 */
public final class HttpSourceRegistry {
    /** The name of the source created on first start. */
    public static final String DEFAULT_SOURCE_NAME = "default";
    /** The category of the source created on first start. */
    public static final String DEFAULT_SOURCE_CATEGORY = "http/default";
    private static final String FILE_NAME = "http-sources.json";

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final SecureRandom random = new SecureRandom();
    private volatile List<HttpSource> sources = List.of();

    /** The persisted file. */
    record SourceFile(List<HttpSource> sources) {}

    private HttpSourceRegistry(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * Opens the registry in a data directory, creating the directory and the default source on first start.
     *
     * @throws LoupeException {@code CORRUPT_DATA} when the file is not valid, {@code STORAGE_FAILURE} when it
     *     cannot be written
     */
    public static HttpSourceRegistry open(Path dataDirectory, Clock clock) {
        requireNonNull(dataDirectory, "dataDirectory is null");
        HttpSourceRegistry registry = new HttpSourceRegistry(dataDirectory.resolve(FILE_NAME),
                requireNonNull(clock, "clock is null"));
        if (Files.exists(registry.file)) {
            registry.load();
        } else {
            registry.createSource(DEFAULT_SOURCE_NAME, DEFAULT_SOURCE_CATEGORY);
        }
        return registry;
    }

    /** Creates and persists a source with a fresh token. Names need not be unique. */
    public synchronized HttpSource createSource(String name, String category) {
        requireNonNull(name, "name is null");
        requireNonNull(category, "category is null");
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        HttpSource source = new HttpSource(name, category, Base64.getUrlEncoder().withoutPadding().encodeToString(secret),
                clock.millis());
        List<HttpSource> updated = new ArrayList<>(sources);
        updated.add(source);
        JsonFiles.writeAtomically(mapper, file, new SourceFile(updated));
        sources = List.copyOf(updated);
        return source;
    }

    /** All sources, oldest first. */
    public List<HttpSource> list() {
        return sources;
    }

    /**
     * The source a token belongs to. Compares against every source in constant time per source, so the time
     * taken does not reveal how much of a token was right.
     */
    public Optional<HttpSource> findByToken(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        byte[] candidate = token.getBytes(StandardCharsets.UTF_8);
        HttpSource found = null;
        for (HttpSource source : sources) {
            if (MessageDigest.isEqual(source.token().getBytes(StandardCharsets.UTF_8), candidate)) {
                found = source;
            }
        }
        return Optional.ofNullable(found);
    }

    private void load() {
        try {
            SourceFile sourceFile = mapper.readValue(file.toFile(), SourceFile.class);
            sources = sourceFile.sources() == null ? List.of() : List.copyOf(sourceFile.sources());
        } catch (IOException exception) {
            throw new LoupeException(ErrorCode.CORRUPT_DATA, "cannot read HTTP sources from " + file + ": "
                    + exception.getMessage(), exception);
        }
    }
}
