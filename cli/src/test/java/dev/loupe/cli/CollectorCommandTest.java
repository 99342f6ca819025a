package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.QueryContext;
import dev.loupe.query.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code loupe collector add/list/remove}, and the acceptance path: a CloudTrail file put in a real S3-compatible
 * server (S3Mock, in this JVM) appears in search once the server runs the configured collector, and a restart does
 * not ingest it twice.
 */
class CollectorCommandTest {
    private static final String KEY_PREFIX = "AWSLogs/111122223333/CloudTrail/us-east-1/2024/07/30/";

    @RegisterExtension
    static final S3MockExtension S3_MOCK = S3MockExtension.builder().silent().withSecureConnection(false)
            .withInitialBuckets("trail").build();

    @TempDir
    Path data;

    @Test
    void addListRemove() {
        String list = run(0, "collector", "list", "--data", data.toString());
        assertThat(list).contains("No collectors");
        run(0, "collector", "add", "s3-cloudtrail", "--data", data.toString(), "--bucket", "b", "--prefix",
                "AWSLogs/1/CloudTrail/", "--endpoint", "http://127.0.0.1:9", "--region", "eu-west-1",
                "--access-key-id", "AKIDEXAMPLE", "--secret-access-key", "s3cr3t", "--field", "account=prod");
        run(0, "collector", "add", "cloudwatch", "--data", data.toString(), "--account", "111122223333",
                "--metrics", "Count,Latency");
        list = run(0, "collector", "list", "--data", data.toString());
        assertThat(list).contains("cloudtrail", "s3://b/AWSLogs/1/CloudTrail/", "_sourceCategory=aws/cloudtrail",
                "account=prod", "endpoint http://127.0.0.1:9", "AKIDEXAMPLE", "cloudwatch", "AWS/ApiGateway",
                "[Count, Latency]", "default credentials").doesNotContain("s3cr3t");
        assertThat(run(2, "collector", "add", "cloudwatch", "--data", data.toString())).contains("exists already");
        assertThat(run(2, "collector", "add", "cloudwatch", "--data", data.toString(), "--name", "x",
                "--period", "90")).contains("multiple of 60");
        run(0, "collector", "remove", "--data", data.toString(), "cloudwatch");
        assertThat(run(0, "collector", "list", "--data", data.toString())).doesNotContain("AWS/ApiGateway");
    }

    @Test
    void serverRunsTheConfiguredCollector_andARestartIngestsNothingTwice() throws Exception {
        S3Client s3 = S3_MOCK.createS3ClientV2();
        put(s3, "a.json.gz", 3);
        run(0, "collector", "add", "s3-cloudtrail", "--data", data.toString(), "--bucket", "trail", "--prefix",
                "AWSLogs/", "--endpoint", S3_MOCK.getServiceEndpoint(), "--access-key-id", "k",
                "--secret-access-key", "s", "--poll-interval", "1");

        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, data)) {
            assertThat(instance.collectors().size()).isEqualTo(1);
            awaitCount(instance, 3);
            put(s3, "b.json.gz", 2);
            awaitCount(instance, 5);
        }
        try (RunningInstance instance = RunningInstance.start("127.0.0.1", 0, data)) {
            put(s3, "c.json.gz", 1);
            awaitCount(instance, 6);
            Thread.sleep(2_500);
            assertThat(count(instance, "*")).isEqualTo(6);
            assertThat(count(instance, "_sourceCategory=aws/cloudtrail | json \"eventName\" | where eventName = \"GetRestApis\""))
                    .isEqualTo(6);
        }
        assertThat(Files.readString(data.resolve("collectors/cloudtrail.checkpoint.json"))).contains("c.json.gz");
    }

    private static void put(S3Client s3, String name, int records) throws IOException {
        StringBuilder body = new StringBuilder("{\"Records\":[");
        for (int index = 0; index < records; index++) {
            body.append(index == 0 ? "" : ",").append("{\"eventVersion\":\"1.08\",\"eventTime\":\"2024-07-30T12:0")
                    .append(index).append(":00Z\",\"eventSource\":\"apigateway.amazonaws.com\",\"eventName\":")
                    .append("\"GetRestApis\",\"awsRegion\":\"us-east-1\",\"eventID\":\"").append(name).append(index)
                    .append("\"}");
        }
        body.append("]}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        s3.putObject(request -> request.bucket("trail").key(KEY_PREFIX + name), RequestBody.fromBytes(bytes.toByteArray()));
    }

    private static void awaitCount(RunningInstance instance, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (count(instance, "*") < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(count(instance, "*")).isEqualTo(expected);
    }

    private static long count(RunningInstance instance, String scope) {
        QueryResult result = new LogQueryEngine(instance.store()).execute(scope + " | count",
                new QueryContext(TimeRange.all(), ZoneOffset.UTC, false, System.currentTimeMillis()));
        return Long.parseLong(String.valueOf(result.rows().getFirst()[result.fieldIndex("_count")]));
    }

    private static String run(int expectedExit, String... arguments) {
        StringWriter out = new StringWriter();
        CommandLine commandLine = LoupeCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        assertThat(commandLine.execute(arguments)).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }
}
