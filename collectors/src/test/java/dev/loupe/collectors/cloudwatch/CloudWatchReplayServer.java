package dev.loupe.collectors.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A loopback HTTP server answering the CloudWatch client with recorded responses (see
 * {@code src/test/resources/cloudwatch/README.md}) in the Smithy RPC v2 CBOR protocol the SDK speaks, and keeping
 * every request it received (decoded from CBOR) for the test to check. Requests are served on the server's
 * dispatcher thread; {@link #requests} is safe to read after the client call returned.
 */
final class CloudWatchReplayServer implements AutoCloseable {
    private static final String OPERATION_PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORFactory CBOR = new CBORFactory();

    /** One request: the operation name and its decoded body. */
    record Request(String operation, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();

    CloudWatchReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Request> requests(String operation) {
        return requests.stream().filter(request -> request.operation().equals(operation)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith(OPERATION_PATH) || !"rpc-v2-cbor".equals(exchange.getRequestHeaders()
                    .getFirst("smithy-protocol"))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String operation = path.substring(OPERATION_PATH.length());
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            JsonNode body = requestBody.length == 0 ? JSON.createObjectNode()
                    : new ObjectMapper(CBOR).readTree(requestBody);
            synchronized (this) {
                requests.add(new Request(operation, body));
            }
            String recording = operation.equals("GetMetricData") && body.hasNonNull("NextToken")
                    ? "GetMetricData-page2.json" : operation + ".json";
            byte[] response = encode(recorded(recording));
            exchange.getResponseHeaders().add("Content-Type", "application/cbor");
            exchange.getResponseHeaders().add("smithy-protocol", "rpc-v2-cbor");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response);
            }
        }
    }

    private static JsonNode recorded(String name) throws IOException {
        try (InputStream in = CloudWatchReplayServer.class.getResourceAsStream("/cloudwatch/" + name)) {
            if (in == null) {
                throw new IOException("no recording " + name);
            }
            return JSON.readTree(in);
        }
    }

    /** JSON → CBOR; strings inside a {@code Timestamps} array become tag 1 (epoch seconds). */
    static byte[] encode(JsonNode node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CBORGenerator generator = CBOR.createGenerator(bytes)) {
            write(generator, node, false);
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return bytes.toByteArray();
    }

    private static void write(CBORGenerator generator, JsonNode node, boolean timestamps) throws IOException {
        if (node.isObject()) {
            generator.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                generator.writeFieldName(field.getKey());
                write(generator, field.getValue(), field.getKey().equals("Timestamps"));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(generator, element, timestamps);
            }
            generator.writeEndArray();
        } else if (timestamps && node.isTextual()) {
            generator.writeTag(1);
            generator.writeNumber(Instant.parse(node.asText()).toEpochMilli() / 1000.0);
        } else if (node.isTextual()) {
            generator.writeString(node.asText());
        } else if (node.isIntegralNumber()) {
            generator.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            generator.writeNumber(node.asDouble());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.asBoolean());
        } else {
            generator.writeNull();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
