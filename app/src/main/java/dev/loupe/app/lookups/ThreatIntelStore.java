package dev.loupe.app.lookups;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loupe.query.lookup.LookupTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The threat-intelligence store behind {@code sumo://threat/cs}, {@code threatip} and {@code threatlookup}: key
 * {@code threat}, columns {@code threat, type, actor, raw, threatlevel, malicious_confidence, source}.
 *
 * <p>Indicators are held per source (the shipped IPsum list, an imported file, a refreshed URL); loading a source
 * replaces everything that source said before. When several sources know an indicator, the one with the highest
 * confidence answers, and among equals the most recently loaded source. {@code raw} is CrowdStrike-shaped JSON
 * ({@code indicator, type, malicious_confidence, actors, labels[{name}], source}), so the app's
 * {@code json field=raw "labels[*].name"} works. {@code threatlevel} and {@code malicious_confidence} are the same
 * {@link ThreatConfidence#label()}.
 *
 * <p>Thread-safe: lookups read an immutable snapshot, loads are serialized. {@link #withShippedList()} reads the
 * shipped list on the first lookup.
 */
public final class ThreatIntelStore implements LookupTable {
    /** The source name of the shipped list. */
    public static final String SHIPPED_SOURCE = "IPsum";
    private static final List<String> COLUMNS = List.of("threat", "type", "actor", "raw", "threatlevel",
            "malicious_confidence", "source");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Object lock = new Object();
    private final Map<String, Map<String, ThreatIndicator>> indicatorsBySource = new LinkedHashMap<>();
    private volatile Map<String, ThreatIndicator> snapshot = Map.of();
    private volatile boolean shippedPending;

    private ThreatIntelStore(boolean shippedPending) {
        this.shippedPending = shippedPending;
    }

    /** An empty store. */
    public static ThreatIntelStore empty() {
        return new ThreatIntelStore(false);
    }

    /** A store holding the shipped IPsum list (120,430 addresses), read on first use. */
    public static ThreatIntelStore withShippedList() {
        return new ThreatIntelStore(true);
    }

    /**
     * Replaces everything {@code source} said with {@code indicators} (an empty list removes the source).
     *
     * @return the number of distinct indicators the source now has
     */
    public int load(String source, List<ThreatIndicator> indicators) {
        requireNonNull(source, "source is null");
        requireNonNull(indicators, "indicators is null");
        ensureShipped();
        return replace(source, indicators);
    }

    /**
     * Imports a CSV or STIX 2.1 file ({@link ThreatFeedFormat#detect}) as source {@code file.getFileName()}.
     *
     * @return the number of indicators loaded
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when it cannot be parsed
     */
    public int importFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read threat file " + file, e);
        }
        String source = file.getFileName().toString();
        return load(source, ThreatFeedFormat.detect(text).parse(text, source));
    }

    /** The number of distinct indicators across all sources. */
    public int size() {
        ensureShipped();
        return snapshot.size();
    }

    /** The indicator for {@code key} (ignoring case), or null. */
    public ThreatIndicator indicator(String key) {
        ensureShipped();
        return snapshot.get(key.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public List<String> columns() {
        return COLUMNS;
    }

    @Override
    public List<String> keyColumns() {
        return List.of("threat");
    }

    @Override
    public List<String> get(List<String> keyValues) {
        requireNonNull(keyValues, "keyValues is null");
        if (keyValues.size() != 1) {
            throw new IllegalArgumentException("sumo://threat/cs is keyed on threat alone, got " + keyValues.size()
                    + " key values");
        }
        ThreatIndicator indicator = indicator(keyValues.get(0));
        if (indicator == null) {
            return null;
        }
        String level = indicator.confidence().label();
        return Arrays.asList(keyValues.get(0), indicator.type(), indicator.actor(), raw(indicator), level, level,
                indicator.source());
    }

    private static String raw(ThreatIndicator indicator) {
        ObjectNode raw = MAPPER.createObjectNode();
        raw.put("indicator", indicator.indicator());
        raw.put("type", indicator.type());
        raw.put("malicious_confidence", indicator.confidence().label());
        ArrayNode actors = raw.putArray("actors");
        if (!indicator.actor().isEmpty()) {
            actors.add(indicator.actor());
        }
        ArrayNode labels = raw.putArray("labels");
        for (String label : indicator.labels()) {
            labels.addObject().put("name", label);
        }
        raw.put("source", indicator.source());
        try {
            return MAPPER.writeValueAsString(raw);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a threat indicator as JSON", e);
        }
    }

    private void ensureShipped() {
        if (!shippedPending) {
            return;
        }
        synchronized (lock) {
            if (!shippedPending) {
                return;
            }
            replace(SHIPPED_SOURCE, readShippedList());
            shippedPending = false;
        }
    }

    private static List<ThreatIndicator> readShippedList() {
        try (InputStream input = ThreatIntelStore.class.getResourceAsStream("threat/ipsum.txt.gz")) {
            if (input == null) {
                throw new IllegalStateException("the shipped threat list threat/ipsum.txt.gz is missing from the "
                        + "classpath");
            }
            String text = new String(new GZIPInputStream(input, 1 << 16).readAllBytes(), StandardCharsets.US_ASCII);
            return ThreatFeedFormat.IPSUM.parse(text, SHIPPED_SOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped threat list", e);
        }
    }

    private int replace(String source, List<ThreatIndicator> indicators) {
        synchronized (lock) {
            Map<String, ThreatIndicator> byKey = new HashMap<>();
            for (ThreatIndicator indicator : indicators) {
                byKey.put(indicator.indicator().strip().toLowerCase(Locale.ROOT), indicator);
            }
            indicatorsBySource.remove(source);
            if (!byKey.isEmpty()) {
                indicatorsBySource.put(source, byKey);
            }
            Map<String, ThreatIndicator> merged = new HashMap<>();
            for (Map<String, ThreatIndicator> sourceIndicators : indicatorsBySource.values()) {
                for (Map.Entry<String, ThreatIndicator> entry : sourceIndicators.entrySet()) {
                    merged.merge(entry.getKey(), entry.getValue(), (older, newer) ->
                            newer.confidence().compareTo(older.confidence()) >= 0 ? newer : older);
                }
            }
            snapshot = merged;
            return byKey.size();
        }
    }
}
