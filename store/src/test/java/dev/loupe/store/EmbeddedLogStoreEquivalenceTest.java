package dev.loupe.store;

import dev.loupe.store.spi.LogStore;
import dev.loupe.testing.LogStoreEquivalenceSuite;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store equivalence suite on the embedded store (a fresh folder per test; reopening is a restart). */
class EmbeddedLogStoreEquivalenceTest extends LogStoreEquivalenceSuite {
    @TempDir
    Path directory;

    @Override
    protected LogStore openStore() {
        return EmbeddedLogStore.open(directory);
    }

    @Override
    protected LogStore reopen(LogStore store) {
        store.close();
        return EmbeddedLogStore.open(directory);
    }

    @Override
    protected boolean numbersLikeTheReference() {
        return true;
    }
}
