package dev.loupe.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudTrailEventGeneratorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long FROM = Instant.parse("2024-08-01T00:00:00Z").toEpochMilli();
    private static final long TO = Instant.parse("2024-08-02T00:00:00Z").toEpochMilli();

    @Test
    void sameSeed_sameEvents() {
        List<String> first = new CloudTrailEventGenerator(7, 0.8).generate(500, FROM, TO);
        List<String> second = new CloudTrailEventGenerator(7, 0.8).generate(500, FROM, TO);
        List<String> other = new CloudTrailEventGenerator(8, 0.8).generate(500, FROM, TO);

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void events_areValidCloudTrailRecords() throws IOException {
        Set<String> realKeys = realTopLevelKeys();
        List<String> events = new CloudTrailEventGenerator(1, 0.8).generate(5_000, FROM, TO);
        TimestampExtractor extractor = new TimestampExtractor();
        long previous = Long.MIN_VALUE;
        for (String event : events) {
            JsonNode record = MAPPER.readTree(event);
            assertThat(event).doesNotContain("\n", " \"");
            assertThat(record.get("eventVersion").asText()).isEqualTo("1.09");
            assertThat(record.get("eventType").asText()).isEqualTo("AwsApiCall");
            assertThat(record.get("eventCategory").asText()).isEqualTo("Management");
            assertThat(record.get("managementEvent").asBoolean()).isTrue();
            assertThat(record.get("eventID").asText()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(record.get("recipientAccountId").asText()).matches("\\d{12}");
            assertThat(record.get("userIdentity").get("accountId").asText()).isEqualTo(record.get("recipientAccountId").asText());
            assertThat(record.get("userIdentity").get("arn").asText()).startsWith("arn:aws:");
            assertThat(record.get("userIdentity").get("type").asText()).isIn("IAMUser", "AssumedRole");
            assertThat(record.get("readOnly").isBoolean()).isTrue();
            assertThat(record.has("errorCode")).isEqualTo(record.has("errorMessage"));
            assertThat(realKeys).containsAll(iterable(record.fieldNames()));
            long time = extractor.messageTime(event, -1);
            assertThat(time).isBetween(FROM, TO - 1).isGreaterThanOrEqualTo(previous);
            assertThat(record.get("eventTime").asText()).isEqualTo(Instant.ofEpochSecond(time / 1000).toString());
            previous = time;
        }
    }

    @Test
    void apiGatewayEvents_haveApiFieldsAndRealisticErrorRates() throws IOException {
        List<String> events = new CloudTrailEventGenerator(3, 0.8).generate(10_000, FROM, TO);
        int apiGateway = 0;
        int errors = 0;
        Set<String> errorCodes = new HashSet<>();
        Set<String> eventNames = new HashSet<>();
        for (String event : events) {
            JsonNode record = MAPPER.readTree(event);
            if (record.get("eventSource").asText().equals("apigateway.amazonaws.com")) {
                apiGateway++;
                eventNames.add(record.get("eventName").asText());
                if (record.has("errorCode")) {
                    errors++;
                    errorCodes.add(record.get("errorCode").asText());
                    assertThat(record.get("responseElements").isNull()).isTrue();
                }
                if (record.get("eventName").asText().equals("UpdateStage")) {
                    assertThat(record.at("/requestParameters/restApiId").asText()).hasSize(10);
                    assertThat(record.at("/requestParameters/stageName").asText()).isNotEmpty();
                }
                if (record.get("eventName").asText().equals("CreateRestApi") && !record.has("errorCode")) {
                    assertThat(record.at("/responseElements/name").asText()).isNotEmpty();
                }
            }
        }
        assertThat(apiGateway).isBetween(7_700, 8_300);
        assertThat(errors / (double) apiGateway).isBetween(0.04, 0.10);
        assertThat(errorCodes).containsExactlyInAnyOrder("AccessDenied", "NotFoundException", "TooManyRequestsException",
                "BadRequestException");
        assertThat(eventNames).contains("CreateDeployment", "UpdateStage", "GetRestApis", "GetRestApi", "CreateRestApi",
                "DeleteRestApi", "UpdateRestApi", "CreateResource", "PutMethod", "PutIntegration", "GetStages",
                "CreateApiKey", "UpdateUsagePlan");
    }

    @Test
    void share_extremes() throws IOException {
        for (String event : new CloudTrailEventGenerator(5, 0).generate(500, FROM, TO)) {
            assertThat(MAPPER.readTree(event).get("eventSource").asText())
                    .isIn("ec2.amazonaws.com", "s3.amazonaws.com", "iam.amazonaws.com", "sts.amazonaws.com", "lambda.amazonaws.com");
        }
        for (String event : new CloudTrailEventGenerator(5, 1).generate(500, FROM, TO)) {
            assertThat(MAPPER.readTree(event).get("eventSource").asText()).isEqualTo("apigateway.amazonaws.com");
        }
        assertThatThrownBy(() -> new CloudTrailEventGenerator(5, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every top-level key seen in the real stratus-red-team and panther CloudTrail samples. */
    private static Set<String> realTopLevelKeys() throws IOException {
        Set<String> keys = new HashSet<>();
        for (Path file : SharedData.stratusFiles()) {
            for (JsonNode record : MAPPER.readTree(file.toFile())) {
                record.fieldNames().forEachRemaining(keys::add);
            }
        }
        for (String line : Files.readAllLines(SharedData.pantherEvents())) {
            MAPPER.readTree(line).fieldNames().forEachRemaining(keys::add);
        }
        return keys;
    }

    private static <T> Iterable<T> iterable(Iterator<T> iterator) {
        return () -> iterator;
    }
}
