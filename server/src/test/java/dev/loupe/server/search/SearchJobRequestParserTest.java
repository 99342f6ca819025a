package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loupe.server.ApiException;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SearchJobRequestParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SearchJobRequest parse(String json) throws Exception {
        return SearchJobRequestParser.parse(MAPPER.readTree(json));
    }

    @Test
    void localTimesUseTheTimeZone() throws Exception {
        SearchJobRequest utc = parse("{\"query\":\"x\",\"from\":\"2026-01-01T00:00:00\",\"to\":\"2026-01-01T01:00:00\"}");
        SearchJobRequest losAngeles = parse("{\"query\":\"x\",\"from\":\"2026-01-01T00:00:00\","
                + "\"to\":\"2026-01-01T01:00:00\",\"timeZone\":\"America/Los_Angeles\"}");
        assertThat(losAngeles.range().fromMillis() - utc.range().fromMillis()).isEqualTo(8 * 3_600_000L);
        assertThat(utc.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(utc.autoParsingMode()).isEqualTo(AutoParsingMode.MANUAL);
        assertThat(utc.requiresRawMessages()).isTrue();
    }

    @Test
    void looseTypes() throws Exception {
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"byReceiptTime\":\"True\"}").byReceiptTime()).isTrue();
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"byReceiptTime\":\"False\"}").byReceiptTime()).isFalse();
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"byReceiptTime\":true}").byReceiptTime()).isTrue();
        assertThat(parse("{\"query\":\"x\",\"from\":\"1\",\"to\":\"2\",\"timezone\":\"IST\"}").zone())
                .isEqualTo(ZoneId.of("Asia/Kolkata"));
        assertThat(parse("{\"query\":\"x\",\"from\":\"2019-06-25T10:14:31+09:00\",\"to\":\"2019-06-25T10:14:31Z\"}")
                .range().lengthMillis()).isEqualTo(9 * 3_600_000L);
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"autoParsingMode\":\"performance\"}").autoParsingMode())
                .isEqualTo(AutoParsingMode.MANUAL);
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"autoParsingMode\":\"intelligent\"}").autoParsingMode())
                .isEqualTo(AutoParsingMode.AUTO_PARSE);
        assertThat(parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"autoParsingMode\":\"AutoParse\","
                + "\"requiresRawMessages\":\"false\"}")).satisfies(request -> {
                    assertThat(request.autoParsingMode()).isEqualTo(AutoParsingMode.AUTO_PARSE);
                    assertThat(request.requiresRawMessages()).isFalse();
                });
        assertThatThrownBy(() -> parse("{\"query\":\"x\",\"from\":1,\"to\":2,\"autoParsingMode\":\"fast\"}"))
                .isInstanceOf(ApiException.class);
    }

    @Test
    void relativeTimesAreRejected() {
        assertThatThrownBy(() -> parse("{\"query\":\"x\",\"from\":\"now\",\"to\":2}"))
                .isInstanceOfSatisfying(ApiException.class, exception ->
                        assertThat(exception.apiCode()).isEqualTo("searchjob.invalid.timestamp.from"));
    }
}
