package dev.loupe.ingest.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.ingest.CloudTrailEventGenerator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldExtractorTest {
    private static final long TIME = 1_767_225_600_000L;
    private final FieldExtractor extractor = new FieldExtractor(List.of(FieldExtractionRule.apiGatewayCloudTrail()));

    private static LogMessage message(String raw, Map<String, String> fields) {
        return new LogMessage(raw, TIME, TIME, "aws/cloudtrail", "trail", "", "cloudtrail", "", fields);
    }

    @Test
    void appRuleExtractsRegionNamespaceApinameAndAccountId() {
        CloudTrailEventGenerator generator = new CloudTrailEventGenerator(7, 1.0, List.of(
                new CloudTrailEventGenerator.Api("123456789012", "eu-west-1", "Orders-API", "a1b2c3d4e5", List.of("prod"))));
        int withName = 0;
        for (int index = 0; index < 400; index++) {
            String raw = generator.next(TIME);
            CloudTrailEventGenerator.Event event = generator.lastEvent();
            LogMessage extracted = extractor.apply(message(raw, Map.of("account", "123456789012")));
            assertThat(extracted.fields()).containsEntry("region", "eu-west-1")
                    .containsEntry("namespace", "aws/apigateway").containsEntry("accountid", "123456789012")
                    .containsEntry("account", "123456789012");
            if (event.responseName() != null) {
                withName++;
                assertThat(extracted.fields()).containsEntry("apiname", event.responseName().toLowerCase());
            } else {
                assertThat(extracted.fields()).doesNotContainKey("apiname");
            }
            assertThat(extracted.fields()).doesNotContainKeys("eventSource", "responseElements", "ApiName");
        }
        assertThat(withName).isPositive();
    }

    @Test
    void messagesOutOfScopeOrFilteredAreUntouched() {
        LogMessage noAccount = message("{\"eventSource\":\"apigateway.amazonaws.com\",\"eventName\":\"GetRestApi\","
                + "\"awsRegion\":\"us-east-1\"}", Map.of());
        assertThat(extractor.apply(noAccount)).isSameAs(noAccount);
        LogMessage otherService = message("{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"ListBuckets\","
                + "\"awsRegion\":\"us-east-1\",\"note\":\"apigateway.amazonaws.com\"}", Map.of("account", "1"));
        assertThat(extractor.apply(otherService)).isSameAs(otherService);
        LogMessage plain = message("hello apigateway.amazonaws.com", Map.of("account", "1"));
        assertThat(extractor.apply(plain)).isSameAs(plain);
    }

    /**
     * Regression: a rule sees the same built-in fields as a query. {@code _size} is the message's length in UTF-8
     * bytes (the pipeline once counted UTF-16 chars, so "é" was 1 there and 2 in a query).
     */
    @Test
    void rulesSeeSizeInUtf8BytesAsQueriesDo() {
        FieldExtractor sized = new FieldExtractor(List.of(new FieldExtractionRule("size", "", "| _size as bytes")));
        assertThat(sized.apply(message("café 😀", Map.of())).fields()).containsEntry("bytes", "10");
    }

    @Test
    void malformedRulesAreRefusedWithTheirNameAndTheProblem() {
        assertThatThrownBy(() -> FieldExtractor.validate(new FieldExtractionRule("broken", "*", "| jsn \"a\"")))
                .isInstanceOf(LoupeException.class).hasMessageContaining("broken").hasMessageContaining("jsn");
        assertThatThrownBy(() -> FieldExtractor.validate(new FieldExtractionRule("counts", "*",
                "| json \"a\" | count by a"))).isInstanceOf(LoupeException.class).hasMessageContaining("counts");
        assertThatThrownBy(() -> FieldExtractor.validate(new FieldExtractionRule("empty", "*", " ")))
                .isInstanceOf(LoupeException.class).hasMessageContaining("empty");
        FieldExtractor kept = new FieldExtractor(List.of(FieldExtractionRule.apiGatewayCloudTrail()));
        assertThatThrownBy(() -> kept.replaceRules(List.of(new FieldExtractionRule("x", "*", "| parse \"a*\" as"))))
                .isInstanceOf(LoupeException.class);
        assertThat(kept.rules()).containsExactly(FieldExtractionRule.apiGatewayCloudTrail());
    }
}
