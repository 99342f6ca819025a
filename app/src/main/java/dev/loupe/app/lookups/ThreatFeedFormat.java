package dev.loupe.app.lookups;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.query.lookup.DelimitedText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The threat-intelligence file formats Loupe imports, each read into {@link ThreatIndicator}s. Stateless. */
public enum ThreatFeedFormat {
    /**
     * IPsum's list: {@code ip<TAB>number_of_lists} per line, {@code #} comments; a line with only an address
     * counts as one list. Confidence from {@link ThreatConfidence#ofListCount}; no actor.
     */
    IPSUM,
    /**
     * CSV with a header row. The indicator column is {@code indicator}, {@code threat} or {@code ip}; optional
     * columns {@code type} (default by {@link ThreatIndicator#typeOf}), {@code actor}, {@code malicious_confidence}
     * / {@code threatlevel} / {@code confidence} (see {@link ThreatConfidence#parse}; default medium),
     * {@code labels} (separated by {@code ;} or {@code |}) and {@code source}. Column names ignore case.
     */
    CSV,
    /**
     * STIX 2.1 JSON: a bundle, an array of objects or one object. Every {@code indicator} object that is not
     * revoked contributes each {@code ipv4-addr}, {@code ipv6-addr}, {@code domain-name} and {@code url} value of
     * its pattern ({@code [ipv4-addr:value = '203.0.113.7']}; a {@code /32} suffix is dropped, other CIDR
     * blocks are kept as written and match only that text). Confidence from {@code confidence}
     * ({@link ThreatConfidence#ofStixConfidence}; medium when absent); labels from {@code labels} and
     * {@code indicator_types}; the actor is the name of the {@code threat-actor} or {@code intrusion-set} the
     * indicator {@code indicates} through a relationship of the same file. Validity dates are not checked.
     */
    STIX;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern STIX_VALUE = Pattern.compile(
            "(ipv4-addr|ipv6-addr|domain-name|url):value\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    /**
     * The format of {@code text}: JSON (starts with {@code {} or {@code [}) is STIX, text whose first non-comment
     * line has a comma is CSV, anything else IPsum.
     */
    public static ThreatFeedFormat detect(String text) {
        String trimmed = text.stripLeading();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return STIX;
        }
        for (String line : trimmed.split("\n", 50)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                return line.indexOf(',') >= 0 ? CSV : IPSUM;
            }
        }
        return IPSUM;
    }

    /**
     * Reads {@code text}.
     *
     * @param source the name recorded on indicators that do not name their own source
     * @throws IllegalArgumentException naming the line or object that cannot be read
     */
    public List<ThreatIndicator> parse(String text, String source) {
        return switch (this) {
            case IPSUM -> parseIpsum(text, source);
            case CSV -> parseCsv(text, source);
            case STIX -> parseStix(text, source);
        };
    }

    private static List<ThreatIndicator> parseIpsum(String text, String source) {
        List<ThreatIndicator> indicators = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            int lists = 1;
            if (parts.length > 1) {
                try {
                    lists = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("line " + lineNumber + ": expected ip<TAB>number_of_lists: "
                            + line, e);
                }
            }
            indicators.add(ipsumIndicator(parts[0], lists, source));
        }
        return indicators;
    }

    /** An IPsum address named by {@code lists} blocklists. */
    static ThreatIndicator ipsumIndicator(String address, int lists, String source) {
        ThreatConfidence confidence = ThreatConfidence.ofListCount(lists);
        return new ThreatIndicator(address, ThreatIndicator.typeOf(address), "", confidence,
                List.of(confidenceLabel(confidence), "Source/" + source, "Blocklists/" + lists), source);
    }

    private static String confidenceLabel(ThreatConfidence confidence) {
        String label = confidence.label();
        return "MaliciousConfidence/" + Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    private static List<ThreatIndicator> parseCsv(String text, String source) {
        String[] lines = text.split("\r?\n");
        int headerIndex = 0;
        while (headerIndex < lines.length && (lines[headerIndex].isBlank() || lines[headerIndex].startsWith("#"))) {
            headerIndex++;
        }
        if (headerIndex == lines.length) {
            return List.of();
        }
        List<String> header = DelimitedText.CSV.split(lines[headerIndex]).stream()
                .map(name -> name == null ? "" : name.strip().toLowerCase(Locale.ROOT)).toList();
        int indicatorColumn = firstIndex(header, "indicator", "threat", "ip");
        if (indicatorColumn < 0) {
            throw new IllegalArgumentException("threat CSV needs an indicator, threat or ip column; header: " + header);
        }
        int typeColumn = firstIndex(header, "type");
        int actorColumn = firstIndex(header, "actor", "actors");
        int confidenceColumn = firstIndex(header, "malicious_confidence", "threatlevel", "confidence");
        int labelsColumn = firstIndex(header, "labels", "label");
        int sourceColumn = firstIndex(header, "source");
        List<ThreatIndicator> indicators = new ArrayList<>();
        for (int index = headerIndex + 1; index < lines.length; index++) {
            if (lines[index].isBlank()) {
                continue;
            }
            List<String> values = DelimitedText.CSV.split(lines[index]);
            String indicator = value(values, indicatorColumn);
            if (indicator == null) {
                throw new IllegalArgumentException("threat CSV line " + (index + 1) + " has no indicator");
            }
            String confidenceText = value(values, confidenceColumn);
            ThreatConfidence confidence;
            try {
                confidence = confidenceText == null ? ThreatConfidence.MEDIUM : ThreatConfidence.parse(confidenceText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("threat CSV line " + (index + 1) + ": " + e.getMessage(), e);
            }
            String type = value(values, typeColumn);
            String actor = value(values, actorColumn);
            String rowSource = value(values, sourceColumn);
            Set<String> labels = new LinkedHashSet<>();
            labels.add(confidenceLabel(confidence));
            String labelText = value(values, labelsColumn);
            if (labelText != null) {
                for (String label : labelText.split("[;|]")) {
                    if (!label.isBlank()) {
                        labels.add(label.strip());
                    }
                }
            }
            indicators.add(new ThreatIndicator(indicator, type == null ? ThreatIndicator.typeOf(indicator) : type,
                    actor == null ? "" : actor, confidence, List.copyOf(labels),
                    rowSource == null ? source : rowSource));
        }
        return indicators;
    }

    private static int firstIndex(List<String> header, String... names) {
        for (String name : names) {
            int index = header.indexOf(name);
            if (index >= 0) {
                return index;
            }
        }
        return -1;
    }

    private static String value(List<String> values, int column) {
        if (column < 0 || column >= values.size() || values.get(column) == null) {
            return null;
        }
        String value = values.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private static List<ThreatIndicator> parseStix(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not STIX 2.1 JSON: " + e.getOriginalMessage(), e);
        }
        List<JsonNode> objects = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(objects::add);
        } else if (root.has("objects")) {
            root.get("objects").forEach(objects::add);
        } else {
            objects.add(root);
        }
        Map<String, String> namesById = new HashMap<>();
        for (JsonNode object : objects) {
            String type = object.path("type").asText();
            if (type.equals("threat-actor") || type.equals("intrusion-set")) {
                namesById.put(object.path("id").asText(), object.path("name").asText());
            }
        }
        Map<String, String> actorByIndicator = new HashMap<>();
        for (JsonNode object : objects) {
            if (object.path("type").asText().equals("relationship")
                    && object.path("relationship_type").asText().equals("indicates")) {
                String actor = namesById.get(object.path("target_ref").asText());
                if (actor != null) {
                    actorByIndicator.merge(object.path("source_ref").asText(), actor, (first, second) -> first + ", "
                            + second);
                }
            }
        }
        List<ThreatIndicator> indicators = new ArrayList<>();
        for (JsonNode object : objects) {
            if (!object.path("type").asText().equals("indicator") || object.path("revoked").asBoolean(false)) {
                continue;
            }
            String pattern = object.path("pattern").asText("");
            ThreatConfidence confidence = object.has("confidence")
                    ? ThreatConfidence.ofStixConfidence(object.get("confidence").asInt())
                    : ThreatConfidence.MEDIUM;
            Set<String> labels = new LinkedHashSet<>();
            labels.add(confidenceLabel(confidence));
            object.path("labels").forEach(label -> labels.add(label.asText()));
            object.path("indicator_types").forEach(label -> labels.add("IndicatorType/" + label.asText()));
            String actor = actorByIndicator.getOrDefault(object.path("id").asText(), "");
            Matcher matcher = STIX_VALUE.matcher(pattern);
            while (matcher.find()) {
                String value = matcher.group(2).replace("\\'", "'").replace("\\\\", "\\");
                if (value.endsWith("/32") && matcher.group(1).equals("ipv4-addr")) {
                    value = value.substring(0, value.length() - 3);
                }
                String type = switch (matcher.group(1)) {
                    case "ipv4-addr" -> "ip_address";
                    case "ipv6-addr" -> "ipv6";
                    case "domain-name" -> "domain";
                    default -> "url";
                };
                indicators.add(new ThreatIndicator(value, type, actor, confidence, List.copyOf(labels), source));
            }
        }
        return indicators;
    }
}
