package dev.loupe.collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigFileTest {
    @TempDir
    Path data;

    private static final CollectorConfig TRAIL = new CollectorConfig.CloudTrailBucket("trail",
            new AwsConnection("http://127.0.0.1:9090", "eu-west-1", "AKID", "secret"), "bucket",
            "AWSLogs/1/CloudTrail/", "aws/cloudtrail", Map.of("account", "prod"), Duration.ofSeconds(30),
            Duration.ofMinutes(10));
    private static final CollectorConfig METRICS = new CollectorConfig.CloudWatchMetrics("apigw",
            new AwsConnection("", "us-east-1", "", ""), "111122223333", "AWS/ApiGateway", List.of("Count", "Latency"),
            Duration.ofMinutes(5), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(10),
            "aws/metrics", Map.of("account", "prod"));

    @Test
    void add_thenOpen_readsTheSameConfigs_ownerOnly() throws IOException {
        CollectorConfigFile file = CollectorConfigFile.open(data);
        file.add(TRAIL);
        file.add(METRICS);
        assertThat(CollectorConfigFile.open(data).list()).containsExactly(TRAIL, METRICS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("collectors.json"))))
                .isEqualTo("rw-------");
    }

    @Test
    void add_sameName_isRefused_andRemoveForgets() {
        CollectorConfigFile file = CollectorConfigFile.open(data);
        file.add(TRAIL);
        assertThatThrownBy(() -> file.add(TRAIL)).isInstanceOf(LoupeException.class).hasMessageContaining("exists");
        assertThat(file.remove("trail")).isTrue();
        assertThat(file.remove("trail")).isFalse();
        assertThat(CollectorConfigFile.open(data).list()).isEmpty();
    }

    @Test
    void open_invalidFile_namesTheFile() throws IOException {
        Files.writeString(data.resolve("collectors.json"), "{\"version\":1,\"collectors\":[{\"type\":\"ftp\"}]}");
        assertThatThrownBy(() -> CollectorConfigFile.open(data)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("collectors.json");
    }

    @Test
    void configs_rejectBadValues() {
        assertThatThrownBy(() -> new AwsConnection("", "us-east-1", "AKID", "")).hasMessageContaining("both");
        assertThatThrownBy(() -> new AwsConnection("not a url", "us-east-1", "", "")).hasMessageContaining("URL");
        assertThatThrownBy(() -> new CollectorConfig.CloudTrailBucket("../x", new AwsConnection("", "r", "", ""), "b",
                "", "", Map.of(), Duration.ofSeconds(1), Duration.ofSeconds(1))).hasMessageContaining("name");
    }
}
