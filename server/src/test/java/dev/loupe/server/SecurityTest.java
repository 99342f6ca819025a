package dev.loupe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.server.auth.CreatedAccessKey;
import dev.loupe.server.auth.Role;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.User;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The security promises of issue 9, each tried against a real server (Jetty on a loopback port, the real H2
 * database, real bcrypt): secrets hashed at rest, constant-time verification, receivers closed without a valid
 * token, no stack trace in any answer to garbage, personal content private between users, HTTPS when a
 * certificate is configured, and request logs without secrets.
 */
class SecurityTest {
    /** Fragments of a Java stack trace or of internal class names that no response may contain. */
    private static final List<String> INTERNALS = List.of("\tat ", "at dev.loupe", "at java.", "at org.", "Exception",
            ".java:", "dev.loupe.", "org.eclipse", "com.fasterxml", "org.h2", "Caused by");

    private static final String TIME_RANGE = "\"timeRange\":{\"type\":\"BeginBoundedTimeRange\",\"from\":{\"type\":"
            + "\"RelativeTimeRangeBoundary\",\"relativeTime\":\"-15m\"},\"to\":null}";

    @TempDir
    Path dataDirectory;

    @Test
    void secretsAreStoredOnlyAsHashes_theWholeDatabaseDumpHoldsNoSecret() throws Exception {
        try (RunningServer running = new RunningServer(dataDirectory)) {
            String password = "ann's long password 42";
            User ann = running.users.createUser("ann", "ann@example.com", Role.USER, password);
            CreatedAccessKey annKey = running.users.createKey(ann.id(), "ann's laptop");
            HttpResponse<String> signIn = running.send(HttpRequest.newBuilder(running.uri("/api/v1/session"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"ann\",\"password\":\"" + password + "\"}"))
                    .build());
            assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
            String sessionToken = sessionToken(signIn);

            String dump = running.database.read(connection -> {
                StringBuilder all = new StringBuilder();
                try (PreparedStatement script = connection.prepareStatement("SCRIPT NOPASSWORDS NOSETTINGS");
                        ResultSet lines = script.executeQuery()) {
                    while (lines.next()) {
                        all.append(lines.getString(1)).append('\n');
                    }
                }
                return all.toString();
            });
            assertThat(dump).contains("INSERT INTO").contains("'ann'");
            assertThat(dump).doesNotContain(password, annKey.accessKey(), running.key.accessKey(),
                    running.administratorPassword, sessionToken);
            assertThat(dump).contains("$2b$");
            byte[] file = Files.readAllBytes(running.database.file());
            String raw = new String(file, StandardCharsets.ISO_8859_1);
            assertThat(raw).doesNotContain(password, annKey.accessKey(), running.administratorPassword, sessionToken);
        }
    }

    /*
     * A timing test that cannot be flaky at this scale: at bcrypt cost 10 a verification takes tens of milliseconds,
     * while a lookup that stopped at an unknown id would take microseconds. Medians of several tries.
     */
    @Test
    void unknownAccessIdsCostABcryptVerificationToo_soTimingDoesNotRevealWhichIdsExist() {
        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, Clock.systemUTC(), new SecretHasher(10));
            CreatedAccessKey key = users.createFirstAdministrator().orElseThrow().key();
            long knownIdWrongKey = medianNanos(() -> users.verifyKey(key.accessId(), key.accessKey() + "x"));
            long unknownId = medianNanos(() -> users.verifyKey("suNOSUCHIDxxxx", key.accessKey()));
            assertThat(users.verifyKey(key.accessId(), key.accessKey() + "x")).isEmpty();
            assertThat(users.verifyKey("suNOSUCHIDxxxx", key.accessKey())).isEmpty();
            assertThat((double) unknownId / knownIdWrongKey).as("unknown id %d ns, known id with a wrong key %d ns",
                    unknownId, knownIdWrongKey).isBetween(0.33, 3.0);
            assertThat(Duration.ofNanos(knownIdWrongKey)).as("bcrypt cost 10 verification")
                    .isGreaterThan(Duration.ofMillis(5));
        }
    }

    @Test
    void everyReceiverRefusesMissingWrongAndNearMissTokens_andStoresNothing() {
        try (RunningServer running = new RunningServer(dataDirectory)) {
            String token = running.source.token();
            List<String> wrongTokens = List.of("x", token.substring(0, token.length() - 1),
                    token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"), token + "A",
                    token.toLowerCase().equals(token) ? token.toUpperCase() : token.toLowerCase(), "", "null");
            int tried = 0;
            for (String wrong : wrongTokens) {
                for (String path : List.of("/receiver/v1/http/", "/receiver/v1/firehose/", "/receiver/v1/otlp/")) {
                    String suffix = path.endsWith("otlp/") ? "/v1/logs" : "";
                    HttpResponse<String> response = running.send(HttpRequest.newBuilder(running.uri(path + wrong + suffix))
                            .header("Content-Type", path.endsWith("otlp/") ? "application/json" : "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"records\":[]}")).build());
                    assertThat(response.statusCode()).as("%s with token '%s'", path, wrong)
                            .isIn(wrong.isEmpty() ? List.of(401, 404) : List.of(401));
                    tried++;
                }
            }
            for (String header : List.of("X-Sumo-Token", "X-Amz-Firehose-Access-Key")) {
                String path = header.equals("X-Sumo-Token") ? "/receiver/v1/http" : "/receiver/v1/firehose";
                HttpResponse<String> missing = running.send(HttpRequest.newBuilder(running.uri(path))
                        .POST(HttpRequest.BodyPublishers.ofString("line")).build());
                assertThat(missing.statusCode()).as("%s without a token", path).isEqualTo(401);
                HttpResponse<String> wrong = running.send(HttpRequest.newBuilder(running.uri(path))
                        .header(header, token + "x").POST(HttpRequest.BodyPublishers.ofString("line")).build());
                assertThat(wrong.statusCode()).as("%s with a wrong %s", path, header).isEqualTo(401);
                tried += 2;
            }
            assertThat(tried).isEqualTo(wrongTokens.size() * 3 + 4);
            assertThat(running.storedMessageCount()).as("nothing was stored").isZero();
            assertThat(running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + token))
                    .POST(HttpRequest.BodyPublishers.ofString("the right token works")).build()).statusCode())
                    .isEqualTo(200);
            assertThat(running.storedMessageCount()).isEqualTo(1);
        }
    }

    /*
     * Every route of the running server, with its path parameters replaced by garbage, gets garbage bodies and
     * content types, with and without credentials. Nothing may answer 5xx (other than a deliberate 503/507) or
     * show a stack trace or an internal class name.
     */
    @Test
    void noEndpointLeaksAStackTraceOrFailsInternallyOnGarbage() {
        try (RunningServer running = new RunningServer(dataDirectory)) {
            Random random = new Random(9);
            byte[] noise = new byte[4096];
            random.nextBytes(noise);
            String deepJson = "[".repeat(100_000) + "]".repeat(100_000);
            String deepObject = "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000);
            List<byte[]> bodies = List.of(new byte[0], noise, "{".getBytes(StandardCharsets.UTF_8),
                    deepJson.getBytes(StandardCharsets.UTF_8), deepObject.getBytes(StandardCharsets.UTF_8),
                    "{\"query\":null,\"from\":\"x\",\"to\":[],\"queries\":{},\"title\":7}".getBytes(StandardCharsets.UTF_8),
                    new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0, '\n'});
            List<String> contentTypes = List.of("application/json", "text/plain", "application/x-protobuf",
                    "application/vnd.sumologic.prometheus", "garbage/;;;=", "multipart/form-data; boundary=x");
            List<String> parameterValues = List.of("0", "-1", "ZZZ", "%00", "..%2F..%2Fetc%2Fpasswd", "x".repeat(2000),
                    "0000000000000000", "%E2%82");
            List<String> endpoints = running.server.endpoints();
            int requests = 0;
            List<String> failures = new ArrayList<>();
            for (String endpoint : endpoints) {
                String method = endpoint.substring(0, endpoint.indexOf(' '));
                String template = endpoint.substring(endpoint.indexOf(' ') + 1);
                for (int index = 0; index < bodies.size(); index++) {
                    String path = template.replaceAll("\\{[^}]+}", parameterValues.get(index % parameterValues.size()))
                            .replace("*", "x");
                    for (boolean authorized : new boolean[] {true, false}) {
                        String contentType = contentTypes.get((index + (authorized ? 0 : 1)) % contentTypes.size());
                        HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(path))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", contentType)
                                .header("Content-Encoding", index % 3 == 1 ? "gzip" : "identity");
                        if (authorized) {
                            request.header("Authorization", running.authorization()).header("isAdminMode", "true");
                        }
                        byte[] body = bodies.get(index);
                        request.method(method, method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                        String where = method + " " + path.substring(0, Math.min(path.length(), 80)) + " ("
                                + contentType + ", body " + index + (authorized ? ", authorized" : "") + ")";
                        HttpResponse<String> response;
                        try {
                            response = running.send(request.build());
                        } catch (UncheckedIOException closedWhileSending) {
                            /*
                             * Jetty may answer (401, 400 for an ambiguous path) before reading a large body, then close
                             * the connection while the client still sends: the client sees no answer. The same
                             * request without a body must then get a proper one.
                             */
                            try {
                                response = running.send(request.method(method, HttpRequest.BodyPublishers.noBody())
                                        .build());
                            } catch (UncheckedIOException noAnswer) {
                                failures.add(where + " got no answer: " + noAnswer.getMessage());
                                continue;
                            }
                        } finally {
                            requests++;
                        }
                        if (response.statusCode() >= 500 && response.statusCode() != 503 && response.statusCode() != 507) {
                            failures.add(where + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
                        }
                        for (String internal : INTERNALS) {
                            if (response.body().contains(internal)) {
                                failures.add(where + " leaked '" + internal.strip() + "': " + abbreviate(response.body()));
                            }
                        }
                    }
                }
            }
            assertThat(endpoints).hasSizeGreaterThan(40);
            assertThat(failures).as("%d requests to %d endpoints", requests, endpoints.size()).isEmpty();
            System.out.printf("SecurityTest: %d garbage requests to %d endpoints, no 5xx, no stack trace%n", requests,
                    endpoints.size());
        }
    }

    @Test
    void personalContentIsPrivateBetweenUsers() {
        try (RunningServer running = new RunningServer(dataDirectory)) {
            String annAuthorization = RunningServer.authorization(running.users.createKey(
                    running.users.createUser("ann", "ann@example.com", Role.USER, "ann's long password 1").id(), "ann"));
            String bobAuthorization = RunningServer.authorization(running.users.createKey(
                    running.users.createUser("bob", "bob@example.com", Role.USER, "bob's long password 1").id(), "bob"));
            HttpResponse<String> created = running.send(HttpRequest.newBuilder(running.uri("/api/v2/dashboards"))
                    .header("Authorization", annAuthorization).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Ann's secret board\",\"panels\":[]," + TIME_RANGE + "}")).build());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            String dashboard = RunningServer.json(created).get("id").asText();
            String content = RunningServer.json(created).get("contentId").asText();
            String annPersonal = RunningServer.json(running.send(HttpRequest.newBuilder(
                    running.uri("/api/v2/content/folders/personal")).header("Authorization", annAuthorization).build()))
                    .get("id").asText();

            for (String attempt : List.of("GET /api/v2/dashboards/" + dashboard, "PUT /api/v2/dashboards/" + dashboard,
                    "DELETE /api/v2/dashboards/" + dashboard, "GET /api/v2/content/folders/" + annPersonal,
                    "GET /api/v2/content/" + content + "/path", "DELETE /api/v2/content/" + content + "/delete")) {
                String method = attempt.substring(0, attempt.indexOf(' '));
                HttpRequest.Builder request = HttpRequest.newBuilder(running.uri(attempt.substring(method.length() + 1)))
                        .header("Authorization", bobAuthorization).header("Content-Type", "application/json")
                        .header("isAdminMode", "true");
                request.method(method, method.equals("PUT") ? HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Bob was here\",\"panels\":[]," + TIME_RANGE + "}") : HttpRequest.BodyPublishers.noBody());
                HttpResponse<String> response = running.send(request.build());
                assertThat(response.statusCode()).as("bob: %s -> %s", attempt, response.body()).isIn(403, 404);
                assertThat(response.body()).doesNotContain("Ann's secret board");
            }
            HttpResponse<String> bobsList = running.send(HttpRequest.newBuilder(running.uri("/api/v2/dashboards"))
                    .header("Authorization", bobAuthorization).build());
            assertThat(bobsList.statusCode()).isEqualTo(200);
            assertThat(bobsList.body()).doesNotContain("Ann's secret board");
            HttpResponse<String> stillThere = running.send(HttpRequest.newBuilder(
                    running.uri("/api/v2/dashboards/" + dashboard)).header("Authorization", annAuthorization).build());
            assertThat(stillThere.statusCode()).isEqualTo(200);
            assertThat(RunningServer.json(stillThere).get("title").asText()).isEqualTo("Ann's secret board");
        }
    }

    @Test
    void withACertificateTheServerSpeaksOnlyHttps() throws Exception {
        TlsCertificate certificate = new TlsCertificate(resource("certificate.pem"), resource("key.pem"));
        ServerConfig config = ServerConfig.of("127.0.0.1", 0, dataDirectory).withTls(certificate);
        try (RunningServer running = new RunningServer(config)) {
            assertThat(running.server.servesHttps()).isTrue();
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).build();
            URI health = URI.create("https://127.0.0.1:" + running.server.port() + "/api/health");
            HttpResponse<String> secure = trusting.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(secure.statusCode()).isEqualTo(200);
            assertThat(secure.sslSession()).hasValueSatisfying(session ->
                    assertThat(session.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));
            URI receiver = URI.create("https://127.0.0.1:" + running.server.port() + running.source.receiverPath());
            assertThat(trusting.send(HttpRequest.newBuilder(receiver).POST(HttpRequest.BodyPublishers.ofString("over tls"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            assertThat(running.storedMessageCount()).isEqualTo(1);

            HttpClient defaultTrust = HttpClient.newHttpClient();
            assertThatThrownBy(() -> defaultTrust.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
            URI plain = URI.create("http://127.0.0.1:" + running.server.port() + "/api/health");
            HttpResponse<String> plainAnswer;
            try {
                plainAnswer = defaultTrust.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException refused) {
                plainAnswer = null;
            }
            if (plainAnswer != null) {
                assertThat(plainAnswer.statusCode()).as("plain HTTP on the TLS port").isEqualTo(400);
                assertThat(plainAnswer.body()).doesNotContain("\"status\":\"ok\"");
            }
        }
    }

    @Test
    void aBrokenCertificateConfigurationStopsTheServerBeforeItListens() throws Exception {
        Path notAKey = dataDirectory.resolve("not-a-key.pem");
        Files.writeString(notAKey, "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n");
        TlsCertificate wrong = new TlsCertificate(resource("certificate.pem"), notAKey);
        assertThatThrownBy(wrong::keyStore).isInstanceOfSatisfying(LoupeException.class, failure -> {
            assertThat(failure.errorCode()).isEqualTo(ErrorCode.INVALID_INPUT);
            assertThat(failure.getMessage()).contains("not-a-key.pem", "openssl pkcs8 -topk8");
        });
        TlsCertificate missing = new TlsCertificate(dataDirectory.resolve("nothing.pem"), resource("key.pem"));
        assertThatThrownBy(missing::keyStore).isInstanceOfSatisfying(LoupeException.class,
                failure -> assertThat(failure.getMessage()).contains("nothing.pem"));
    }

    @Test
    void requestLogsHoldNoSecret() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger access = (Logger) LoggerFactory.getLogger(AccessLog.LOGGER_NAME);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.list = new CopyOnWriteArrayList<>();
        appender.start();
        Level previous = root.getLevel();
        Level previousAccess = access.getLevel();
        root.setLevel(Level.DEBUG);
        access.setLevel(Level.INFO);
        root.addAppender(appender);
        if (!access.isAdditive()) {
            access.addAppender(appender);
        }
        List<String> secrets = new ArrayList<>();
        try (RunningServer running = new RunningServer(dataDirectory)) {
            String token = running.source.token();
            String password = running.administratorPassword;
            secrets.addAll(List.of(token, running.key.accessKey(), password,
                    running.authorization().substring("Basic ".length())));
            running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/http/" + token)).header("X-Sumo-Fields", "bad")
                    .POST(HttpRequest.BodyPublishers.ofString("line")).build());
            running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/otlp/" + token + "/v1/logs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{")).build());
            running.send(HttpRequest.newBuilder(running.uri("/receiver/v1/firehose")).header("X-Amz-Firehose-Access-Key",
                    token).POST(HttpRequest.BodyPublishers.ofString("not json")).build());
            HttpResponse<String> signIn = running.send(HttpRequest.newBuilder(running.uri("/api/v1/session"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"admin\",\"password\":\"" + password + "\"}")).build());
            secrets.add(sessionToken(signIn));
            running.send(HttpRequest.newBuilder(running.uri("/api/v1/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"admin\",\"password\":\"" + password
                            + "-wrong\"}")).build());
            running.send(running.api("/api/v1/search/jobs").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"| jsn\",\"from\":1,\"to\":2}")).build());
            running.send(HttpRequest.newBuilder(running.uri("/api/v1/users")).header("Authorization",
                    "Basic " + java.util.Base64.getEncoder().encodeToString((running.key.accessId() + ":"
                            + running.key.accessKey() + "-wrong").getBytes(StandardCharsets.UTF_8))).build());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (appender.list.stream().filter(event -> event.getLoggerName().equals(AccessLog.LOGGER_NAME)).count() < 7
                    && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        } finally {
            root.detachAppender(appender);
            access.detachAppender(appender);
            root.setLevel(previous);
            access.setLevel(previousAccess);
        }
        List<ILoggingEvent> events = List.copyOf(appender.list);
        assertThat(events.stream().filter(event -> event.getLoggerName().equals(AccessLog.LOGGER_NAME)).count())
                .isGreaterThanOrEqualTo(7);
        for (ILoggingEvent event : events) {
            String rendered = event.getFormattedMessage() + " " + event.getKeyValuePairs() + " "
                    + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
            for (String secret : secrets) {
                assertThat(rendered).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
        }
    }

    private static String sessionToken(HttpResponse<String> signIn) {
        String cookie = signIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("LOUPE_SESSION=")).findFirst().orElseThrow();
        return cookie.substring("LOUPE_SESSION=".length(), cookie.indexOf(';'));
    }

    private static long medianNanos(Runnable work) {
        long[] times = new long[7];
        for (int index = 0; index < times.length; index++) {
            long start = System.nanoTime();
            work.run();
            times[index] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static String abbreviate(String body) {
        return body.length() <= 300 ? body : body.substring(0, 300) + "...";
    }

    private Path resource(String name) throws IOException {
        Path file = dataDirectory.resolve(name);
        try (InputStream input = SecurityTest.class.getResourceAsStream("/tls/" + name)) {
            Files.copy(input, file);
        }
        return file;
    }

    private static SSLContext trusting(TlsCertificate certificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream input = Files.newInputStream(certificate.certificateChainFile())) {
            trusted.setCertificateEntry("loupe", CertificateFactory.getInstance("X.509").generateCertificate(input));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
