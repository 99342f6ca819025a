package dev.loupe.server.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.query.LogQueryEngine;
import dev.loupe.server.ApiException;
import dev.loupe.server.MutableClock;
import dev.loupe.testing.PausingLogStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Status and pages of a job whose query is still running (its store pauses mid-scan). */
class SearchJobGatheringTest {
    private static final long BASE = 1_767_225_600_000L;

    private static SearchJobRequest request(String query) {
        return new SearchJobRequest(query, new TimeRange(BASE, BASE + 3_600_000), ZoneOffset.UTC, false,
                AutoParsingMode.MANUAL, true);
    }

    private static PausingLogStore store(int pauseAfter, int messages) {
        PausingLogStore store = new PausingLogStore(pauseAfter);
        for (int index = 0; index < messages; index++) {
            store.append(List.of(LogMessage.of("line " + index, BASE + 60_000L * index, BASE)));
        }
        return store;
    }

    private static long bucketTotal(SearchJobBodies.Status status) {
        return status.histogramBuckets().stream().mapToLong(SearchJobBodies.Bucket::count).sum();
    }

    private static SearchJobBodies.Status awaitDone(SearchJobService service, String id, List<Long> bucketTotals) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            SearchJobBodies.Status status = service.status(id);
            bucketTotals.add(bucketTotal(status));
            if (status.state() == SearchJobState.DONE_GATHERING_RESULTS) {
                return status;
            }
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void messagesAndIncrementalHistogramWhileGathering() {
        PausingLogStore store = store(3, 5);
        try (SearchJobService service = new SearchJobService(new LogQueryEngine(store), new MutableClock(BASE),
                Duration.ofMinutes(5))) {
            String id = service.create(request("line"));
            store.awaitPaused();
            SearchJobBodies.Status gathering = service.status(id);
            assertThat(gathering.state()).isEqualTo(SearchJobState.GATHERING_RESULTS);
            assertThat(gathering.messageCount()).isEqualTo(3);
            assertThat(bucketTotal(gathering)).isEqualTo(3);
            assertThat(bucketTotal(service.status(id))).as("nothing new since the last call").isZero();
            List<SearchJobBodies.Row> soFar = service.messages(id, new PageRequest(0, 10)).messages();
            assertThat(soFar).extracting(row -> row.map().get("_raw")).containsExactly("line 4", "line 3", "line 2");
            assertThatThrownBy(() -> service.records(id, new PageRequest(0, 10)))
                    .as("the plan already says: no aggregate").isInstanceOf(ApiException.class);

            store.resume();
            List<Long> totals = new ArrayList<>();
            SearchJobBodies.Status done = awaitDone(service, id, totals);
            assertThat(done.messageCount()).isEqualTo(5);
            assertThat(totals.stream().mapToLong(Long::longValue).sum()).as("the rest, delivered once").isEqualTo(2);
            assertThat(service.messages(id, new PageRequest(0, 10)).messages()).hasSize(5);
        }
    }

    @Test
    void aggregateJobShowsMatchedMessagesWhileGatheringAndRecordsWhenDone() {
        PausingLogStore store = store(2, 4);
        try (SearchJobService service = new SearchJobService(new LogQueryEngine(store), new MutableClock(BASE),
                Duration.ofMinutes(5))) {
            String id = service.create(request("line | count"));
            store.awaitPaused();
            SearchJobBodies.Status gathering = service.status(id);
            assertThat(gathering.messageCount()).isEqualTo(2);
            assertThat(gathering.recordCount()).isZero();
            assertThat(service.messages(id, new PageRequest(0, 10)).messages()).hasSize(2);
            assertThat(service.records(id, new PageRequest(0, 10)).records()).isEmpty();
            store.resume();
            SearchJobBodies.Status done = awaitDone(service, id, new ArrayList<>());
            assertThat(done.recordCount()).isEqualTo(1);
            assertThat(service.records(id, new PageRequest(0, 10)).records().getFirst().map()).containsEntry("_count", "4");
            assertThat(service.messages(id, new PageRequest(0, 10)).messages()).hasSize(4);
        }
    }
}
