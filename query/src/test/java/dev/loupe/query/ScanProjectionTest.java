package dev.loupe.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.core.LogMessage;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanProjection;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.testing.InMemoryLogStore;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine asks the store for times only exactly when the rows reaching the first aggregate read nothing else,
 * and the answers are the same as over whole messages (a store that honours the projection returns messages with
 * empty text, metadata and fields).
 */
class ScanProjectionTest {
    private static final long START = 1_700_000_000_000L;
    private static final TimeRange RANGE = new TimeRange(START, START + 3_600_000);

    @Test
    void timesOnlyForTimesliceCountsAndPlainCounts() {
        assertThat(projection("* | timeslice 1m | count by _timeslice", false)).isEqualTo(ScanProjection.TIMES_ONLY);
        assertThat(projection("error | count", false)).isEqualTo(ScanProjection.TIMES_ONLY);
        assertThat(projection("* | timeslice 5m | count by _timeslice | sort by _count", false))
                .isEqualTo(ScanProjection.TIMES_ONLY);
    }

    @Test
    void wholeMessagesForAnythingElse() {
        assertThat(projection("* | timeslice 1m | count by _timeslice", true)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("error", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("* | json \"a\" | count by a", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("* | count by _sourceCategory", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("* | count by team", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("* | timeslice 1m | count by _timeslice, _raw", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
        assertThat(projection("* | sum(_size)", false)).isEqualTo(ScanProjection.WHOLE_MESSAGE);
    }

    @Test
    void timesOnlyAnswersEqualWholeMessageAnswers() {
        String query = "error | timeslice 1m | count by _timeslice | sort by _timeslice";
        QueryResult whole = new LogQueryEngine(store(false)).execute(query, context(false));
        QueryResult timesOnly = new LogQueryEngine(store(true)).execute(query, context(false));
        assertThat(timesOnly.messageCount()).isEqualTo(whole.messageCount()).isEqualTo(30);
        assertThat(timesOnly.rows()).hasSameSizeAs(whole.rows());
        for (int row = 0; row < whole.rows().size(); row++) {
            assertThat(timesOnly.rows().get(row)).containsExactly(whole.rows().get(row));
        }
    }

    private static ScanProjection projection(String query, boolean keepMatchedMessages) {
        RecordingStore store = new RecordingStore(false);
        new LogQueryEngine(store).execute(query, context(keepMatchedMessages));
        return store.projections.getFirst();
    }

    private static QueryContext context(boolean keepMatchedMessages) {
        return new QueryContext(RANGE, ZoneOffset.UTC, false, RANGE.toMillis(), false, keepMatchedMessages);
    }

    private static RecordingStore store(boolean honourProjection) {
        return new RecordingStore(honourProjection);
    }

    /** The reference store, recording each scan's projection and, when asked, honouring TIMES_ONLY. */
    private static final class RecordingStore implements LogStore {
        private final InMemoryLogStore delegate = new InMemoryLogStore();
        private final boolean honourProjection;
        final List<ScanProjection> projections = new ArrayList<>();

        RecordingStore(boolean honourProjection) {
            this.honourProjection = honourProjection;
            List<LogMessage> messages = new ArrayList<>();
            for (int index = 0; index < 60; index++) {
                messages.add(new LogMessage((index % 2 == 0 ? "error " : "info ") + index, START + index * 37_000L,
                        START + index * 37_000L + 5, "app/web", "web.log", "host", "http", "collector",
                        Map.of("team", "t" + index % 3)));
            }
            delegate.append(messages);
        }

        @Override
        public void append(List<LogMessage> messages) {
            delegate.append(messages);
        }

        @Override
        public LogCursor scan(LogScan scan) {
            projections.add(scan.projection());
            LogCursor cursor = delegate.scan(scan);
            if (!honourProjection || scan.projection() == ScanProjection.WHOLE_MESSAGE) {
                return cursor;
            }
            return new LogCursor() {
                @Override
                public boolean next() {
                    return cursor.next();
                }

                @Override
                public StoredMessage current() {
                    LogMessage message = cursor.current().message();
                    return new StoredMessage(-1, new LogMessage("", message.messageTime(), message.receiptTime(), "", "",
                            "", "", "", Map.of()));
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
