package dev.loupe.testing;

import dev.loupe.core.LogMessage;
import dev.loupe.store.spi.KeywordMatcher;
import dev.loupe.store.spi.LogCursor;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.LogStore;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * A log store that keeps everything in a list and answers scans by brute force with {@link KeywordMatcher}: the
 * reference every real store is compared against. Not durable. Thread-safe.
 */
public final class InMemoryLogStore implements LogStore {
    private final List<StoredMessage> messages = new ArrayList<>();
    private long nextId = 1;

    @Override
    public synchronized void append(List<LogMessage> batch) {
        for (LogMessage message : batch) {
            messages.add(new StoredMessage(nextId++, message));
        }
    }

    @Override
    public synchronized LogCursor scan(LogScan scan) {
        List<StoredMessage> matching = new ArrayList<>();
        for (StoredMessage stored : messages) {
            long time = scan.timeField() == TimeField.MESSAGE_TIME
                    ? stored.message().messageTime()
                    : stored.message().receiptTime();
            if (scan.range().contains(time) && KeywordMatcher.matches(scan.filter(), stored.message())) {
                matching.add(stored);
            }
        }
        if (scan.order() == ScanOrder.NEWEST_FIRST) {
            Comparator<StoredMessage> byTime = Comparator.comparingLong(stored -> scan.timeField() == TimeField.MESSAGE_TIME
                    ? stored.message().messageTime()
                    : stored.message().receiptTime());
            matching.sort(byTime.reversed().thenComparing(Comparator.comparingLong(StoredMessage::id).reversed()));
        }
        Iterator<StoredMessage> iterator = matching.iterator();
        return new LogCursor() {
            private StoredMessage current;

            @Override
            public boolean next() {
                current = iterator.hasNext() ? iterator.next() : null;
                return current != null;
            }

            @Override
            public StoredMessage current() {
                if (current == null) {
                    throw new IllegalStateException("next() has not returned true");
                }
                return current;
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {}
}
