package dev.loupe.cli;

import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.receiver.HttpSourceRegistry;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The database of a data folder opened by an administration command ({@code user}, {@code key},
 * {@code source}) while no server runs on it: the same user directory and source registry the server uses.
 * Close it when done.
 */
final class AdministrationFolder implements AutoCloseable {
    private final Database database;
    private final UserDirectory users;
    private final HttpSourceRegistry sources;

    private AdministrationFolder(Database database, UserDirectory users, HttpSourceRegistry sources) {
        this.database = database;
        this.users = users;
        this.sources = sources;
    }

    /** Opens the data folder's database (creating it, the default source and imported legacy files on first use). */
    static AdministrationFolder open(Path dataDirectory) {
        Database database = DataFolders.openDatabase(dataDirectory);
        try {
            Clock clock = Clock.systemUTC();
            return new AdministrationFolder(database,
                    UserDirectory.open(database, dataDirectory, clock, new SecretHasher(SecretHasher.DEFAULT_COST)),
                    HttpSourceRegistry.open(database, dataDirectory, clock));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    UserDirectory users() {
        return users;
    }

    HttpSourceRegistry sources() {
        return sources;
    }

    @Override
    public void close() {
        database.close();
    }
}
