package dev.loupe.query.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.query.plan.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two shortcuts of {@link JsonDocument}: a nested value extracted from compact source text is that text
 * (exactly what writing it would give), and a selective parse selects what a whole parse selects.
 */
class JsonDocumentTest {
    private static final List<String> DOCUMENTS = List.of(
            "{\"a\":{\"b\":1,\"c\":[true,null,\"x\"]},\"d\":\"text\",\"e\":{\"f\":{\"g\":\"deep\"}}}",
            "{ \"a\" : { \"b\" : 1 , \"c\" : [ true , null , \"x\" ] } , \"d\" : \"text\" }",
            "{\"a\":{\"b\":\"quote \\\" and slash \\/ and \\u00e9\"},\"d\":2.50E+3}",
            "{\"a\":{\"b\":1,\"b\":2},\"d\":\"first\",\"d\":\"second\"}",
            "{\"a\":[{\"b\":1},{\"b\":2}],\"d\":{}}",
            "{\"a\":{\"b\":\"é ü 😀\",\"c\":-0.0},\"d\":[]}",
            "prefix {\"a\":{\"b\":1},\"d\":\"x\"}",
            "{\"a\":{\"b\":1},\"d\":\"x\",\"broken\":[1,2}",
            "{\"a\":{\"b\":1},\"d\":\"unterminated}",
            "[{\"a\":1}]",
            "{\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/x\"},\"eventName\":\"GetRestApis\"}");

    private static final List<List<JsonPath>> PATH_SETS = List.of(
            List.of(key("a")), List.of(key("d")), List.of(key("a"), key("d")), List.of(key("a", "b")),
            List.of(key("a", "c"), key("e", "f")), List.of(key("e", "f", "g"), key("e")), List.of(key("missing")),
            List.of(key("userIdentity"), key("eventName")), List.of(key("userIdentity", "arn")));

    @Test
    void selectiveParsesSelectWhatWholeParsesSelect() {
        for (String document : DOCUMENTS) {
            Object whole = JsonDocument.parse(document);
            for (List<JsonPath> paths : PATH_SETS) {
                Object selective = JsonDocument.parse(document, JsonDocument.KeyTree.of(paths));
                assertThat(selective == null).as(document + " " + paths).isEqualTo(whole == null);
                for (JsonPath path : paths) {
                    assertThat(text(selective, path)).as(document + " " + path.text()).isEqualTo(text(whole, path));
                }
            }
        }
    }

    @Test
    void nestedValuesFromCompactSourceAreTheSourceText_andWrittenOtherwise() {
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(0)), key("a"))).isEqualTo("{\"b\":1,\"c\":[true,null,\"x\"]}");
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(1)), key("a"))).isEqualTo("{\"b\":1,\"c\":[true,null,\"x\"]}");
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(2)), key("a"))).isEqualTo("{\"b\":\"quote \\\" and slash / and é\"}");
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(3)), key("a"))).isEqualTo("{\"b\":2}");
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(4)), key("a"))).isEqualTo("[{\"b\":1},{\"b\":2}]");
        assertThat(text(JsonDocument.parse(DOCUMENTS.get(5)), key("a"))).isEqualTo("{\"b\":\"é ü 😀\",\"c\":-0.0}");
    }

    @Test
    void everyNestedValueIsWhatWritingItGives() {
        for (String document : DOCUMENTS) {
            Object root = JsonDocument.parse(document);
            if (root == null) {
                continue;
            }
            List<Object> containers = new ArrayList<>();
            collectContainers(root, containers);
            for (Object container : containers) {
                assertThat(JsonDocument.toFieldValue(container)).as(document).isEqualTo(written(container));
            }
        }
    }

    private static void collectContainers(Object value, List<Object> containers) {
        if (value instanceof java.util.Map<?, ?> object) {
            containers.add(value);
            object.values().forEach(child -> collectContainers(child, containers));
        } else if (value instanceof List<?> array) {
            containers.add(value);
            array.forEach(child -> collectContainers(child, containers));
        }
    }

    /* What the generator writes for a copy of the value that has no source (a plain map or list). */
    private static String written(Object value) {
        return JsonDocument.toFieldValue(plainCopy(value));
    }

    private static Object plainCopy(Object value) {
        if (value instanceof java.util.Map<?, ?> object) {
            java.util.Map<String, Object> copy = new java.util.LinkedHashMap<>();
            object.forEach((key, child) -> copy.put((String) key, plainCopy(child)));
            return copy;
        }
        if (value instanceof List<?> array) {
            List<Object> copy = new ArrayList<>();
            array.forEach(child -> copy.add(plainCopy(child)));
            return copy;
        }
        return value;
    }

    private static String text(Object document, JsonPath path) {
        if (document == null) {
            return "<no document>";
        }
        Object selected = JsonDocument.select(document, path);
        return selected == JsonDocument.MISSING ? "<missing>" : JsonDocument.toFieldValue(selected);
    }

    private static JsonPath key(String... names) {
        List<JsonPath.Segment> segments = new ArrayList<>();
        for (String name : names) {
            segments.add(new JsonPath.Key(name));
        }
        return new JsonPath(String.join(".", names), segments);
    }
}
