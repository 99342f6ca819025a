package dev.loupe.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LogMessage;
import dev.loupe.core.LoupeException;
import dev.loupe.core.TimeRange;
import dev.loupe.store.spi.KeywordExpression;
import dev.loupe.store.spi.LogScan;
import dev.loupe.store.spi.ScanOrder;
import dev.loupe.store.spi.StoredMessage;
import dev.loupe.store.spi.TimeField;
import dev.loupe.testing.LogStoreEquivalenceSuite;
import dev.loupe.testing.RandomLogs;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage to the WAL: a torn tail is dropped silently, damage before acknowledged records is reported. */
class WalRecoveryTest {
    private static final LogScan EVERYTHING = new LogScan(TimeRange.all(), TimeField.MESSAGE_TIME,
            new KeywordExpression.MatchAll(), ScanOrder.NEWEST_FIRST);

    @TempDir
    Path directory;

    @Test
    void tornTailIsTruncatedAndAcknowledgedDataSurvives() throws IOException {
        List<StoredMessage> before;
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            appendBatches(store, 5);
            before = LogStoreEquivalenceSuite.read(store, EVERYTHING);
        }
        Path segment = lastSegment();
        long validLength = Files.size(segment);
        byte[] garbage = new byte[37];
        new Random(7).nextBytes(garbage);
        ByteBuffer partialRecord = ByteBuffer.allocate(16 + 10).putInt(1000).putInt(12345).putLong(999);
        Files.write(segment, partialRecord.array(), StandardOpenOption.APPEND);
        Files.write(segment, garbage, StandardOpenOption.APPEND);

        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            assertThat(Files.size(segment)).isEqualTo(validLength);
            assertThat(LogStoreEquivalenceSuite.read(store, EVERYTHING)).containsExactlyInAnyOrderElementsOf(before);
            appendBatches(store, 2);
        }
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            List<StoredMessage> after = LogStoreEquivalenceSuite.read(store, EVERYTHING);
            assertThat(after).hasSize(before.size() + 2 * 10).containsAll(before);
            Set<Long> ids = new HashSet<>();
            after.forEach(stored -> ids.add(stored.id()));
            assertThat(ids).hasSize(after.size());
        }
    }

    @Test
    void damagedRecordFollowedByValidOnesIsCorruptData() throws IOException {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            appendBatches(store, 3);
        }
        Path segment = lastSegment();
        byte[] bytes = Files.readAllBytes(segment);
        int firstPayloadByte = 16 + 16 + 4 + 20;
        bytes[firstPayloadByte] ^= 0x5A;
        Files.write(segment, bytes);

        assertThatThrownBy(() -> EmbeddedLogStore.open(directory))
                .isInstanceOfSatisfying(LoupeException.class, failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.CORRUPT_DATA))
                .hasMessageContaining(segment.getFileName().toString())
                .hasMessageContaining("offset 16");
    }

    @Test
    void restartKeepsMessagesAndIds() {
        List<StoredMessage> before;
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            appendBatches(store, 4);
            before = LogStoreEquivalenceSuite.read(store, EVERYTHING);
        }
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            assertThat(LogStoreEquivalenceSuite.read(store, EVERYTHING)).containsExactlyInAnyOrderElementsOf(before);
        }
    }

    @Test
    void secondOpenOfTheSameDirectoryFails() {
        try (EmbeddedLogStore store = EmbeddedLogStore.open(directory)) {
            assertThat(store).isNotNull();
            assertThatThrownBy(() -> EmbeddedLogStore.open(directory))
                    .isInstanceOfSatisfying(LoupeException.class, failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.STORE_IN_USE))
                    .hasMessageContaining("already open");
        }
    }

    private static void appendBatches(EmbeddedLogStore store, int batches) {
        RandomLogs logs = new RandomLogs(new Random(batches));
        for (int batch = 0; batch < batches; batch++) {
            List<LogMessage> messages = new ArrayList<>();
            for (int index = 0; index < 10; index++) {
                messages.add(logs.message());
            }
            store.append(messages);
        }
    }

    private Path lastSegment() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("wal"))) {
            return files.filter(file -> file.toString().endsWith(".wal")).sorted().toList().getLast();
        }
    }
}
