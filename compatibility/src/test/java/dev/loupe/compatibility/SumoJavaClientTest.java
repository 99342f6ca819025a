package dev.loupe.compatibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sumologic.client.SumoLogicClient;
import com.sumologic.client.SumoServerException;
import com.sumologic.client.model.LogMessage;
import com.sumologic.client.searchjob.model.GetSearchJobStatusResponse;
import com.sumologic.client.searchjob.model.SearchJobRecord;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sumo's official Java client, {@code com.sumologic.api.client:sumo-java-client:2.5}, through a whole search job
 * over messages posted to the HTTP Source: create (ISO times, UTC), status until done, messages, records,
 * cancel; the HTTP Basic challenge it waits for; and its {@link SumoServerException} on errors.
 */
class SumoJavaClientTest {
    private static final String CATEGORY = "compat/search";
    private static final Instant FIRST = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.MINUTES);
    private static final List<String> LINES = List.of(
            FIRST + " level=INFO user=alice login ok",
            FIRST.plusSeconds(10) + " level=WARN user=bob password retry",
            FIRST.plusSeconds(20) + " level=INFO user=carol login ok");

    @TempDir
    static Path dataDirectory;
    static LoupeUnderTest loupe;

    @BeforeAll
    static void startAndIngest() {
        loupe = new LoupeUnderTest(dataDirectory);
        HttpResponse<String> posted = loupe.send(HttpRequest.newBuilder(URI.create(loupe.httpSourceUrl()))
                .header("X-Sumo-Category", CATEGORY).header("X-Sumo-Name", "known.log").header("X-Sumo-Host", "host-7")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", LINES) + "\n")).build());
        assertThat(posted.statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        loupe.close();
    }

    @Test
    void wholeSearchJob_messagesRecordsAndCancel() {
        SumoLogicClient client = loupe.sumoClient();

        String messagesJob = client.createSearchJob("_sourceCategory=" + CATEGORY,
                LoupeUnderTest.isoMinutesFromNow(-60), LoupeUnderTest.isoMinutesFromNow(1), "UTC");
        GetSearchJobStatusResponse status = LoupeUnderTest.awaitDone(client, messagesJob);
        assertThat(status.getMessageCount()).isEqualTo(3);
        List<LogMessage> messages = client.getMessagesForSearchJob(messagesJob, 0, 10).getMessages();
        assertThat(messages).extracting(LogMessage::getLogLine).containsExactlyElementsOf(LINES.reversed());
        LogMessage newest = messages.getFirst();
        assertThat(newest.getTime().toInstant()).isEqualTo(FIRST.plusSeconds(20));
        assertThat(newest.getSourceCategory()).isEqualTo(CATEGORY);
        assertThat(newest.getSourceName()).isEqualTo("known.log");
        assertThat(newest.getSourceHost()).isEqualTo("host-7");
        client.cancelSearchJob(messagesJob);

        String recordsJob = client.createSearchJob("_sourceCategory=" + CATEGORY
                + " | parse \"level=* \" as level | count by level | sort by level",
                LoupeUnderTest.isoMinutesFromNow(-60), LoupeUnderTest.isoMinutesFromNow(1), "UTC");
        assertThat(LoupeUnderTest.awaitDone(client, recordsJob).getRecordCount()).isEqualTo(2);
        List<SearchJobRecord> records = client.getRecordsForSearchJob(recordsJob, 0, 10).getRecords().stream()
                .sorted(Comparator.comparing(record -> record.stringField("level"))).toList();
        assertThat(records).extracting(record -> record.stringField("level")).containsExactly("INFO", "WARN");
        assertThat(records).extracting(record -> record.intField("_count")).containsExactly(2L, 1L);
        client.cancelSearchJob(recordsJob);

        SumoServerException cancelled = catchThrowableOfType(SumoServerException.class,
                () -> client.getSearchJobStatus(recordsJob));
        assertThat(cancelled.getHTTPStatus()).isEqualTo(404);
        assertThat(cancelled.getErrorCode()).isEqualTo("jobid.invalid");
    }

    @Test
    void basicChallenge_clientSendsCredentialsOnlyAfterThe401() {
        HttpResponse<String> anonymous = loupe.send(HttpRequest.newBuilder(
                URI.create(loupe.baseUrl() + "/api/v1/search/jobs/any")).GET().build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic realm="));

        SumoServerException wrongKey = catchThrowableOfType(SumoServerException.class,
                () -> loupe.sumoClient("not-the-key").createSearchJob("*", LoupeUnderTest.isoMinutesFromNow(-5),
                        LoupeUnderTest.isoMinutesFromNow(0), "UTC"));
        assertThat(wrongKey.getHTTPStatus()).isEqualTo(401);
    }

    @Test
    void invalidRequest_isASumoServerExceptionWithStatusAndCode() {
        SumoServerException backwards = catchThrowableOfType(SumoServerException.class,
                () -> loupe.sumoClient().createSearchJob("*", LoupeUnderTest.isoMinutesFromNow(0),
                        LoupeUnderTest.isoMinutesFromNow(-10), "UTC"));
        assertThat(backwards.getHTTPStatus()).isEqualTo(400);
        assertThat(backwards.getErrorCode()).isEqualTo("searchjob.to.smaller.than.from");

        SumoServerException badZone = catchThrowableOfType(SumoServerException.class,
                () -> loupe.sumoClient().createSearchJob("*", LoupeUnderTest.isoMinutesFromNow(-10),
                        LoupeUnderTest.isoMinutesFromNow(0), "Mars/Olympus"));
        assertThat(badZone.getHTTPStatus()).isEqualTo(400);
        assertThat(badZone.getErrorCode()).isEqualTo("searchjob.unknown.timezone");
    }
}
