package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.ErrorCode;
import dev.loupe.core.LoupeException;
import dev.loupe.store.EmbeddedLogStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What a user sees when a data folder is missing or already in use by a server. */
class DataFoldersTest {
    @TempDir
    Path dataDirectory;

    @Test
    void folderInUseSuggestsTheServer() {
        try (EmbeddedLogStore running = DataFolders.open(dataDirectory)) {
            assertThat(running).isNotNull();
            assertThatThrownBy(() -> DataFolders.openExisting(dataDirectory))
                    .isInstanceOfSatisfying(LoupeException.class, failure -> assertThat(failure.errorCode()).isEqualTo(ErrorCode.STORE_IN_USE))
                    .hasMessageContaining("--server");
        }
    }

    @Test
    void queryOnAnEmptyFolderSaysWhatToDo() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoupeCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("query", "--data", dataDirectory.resolve("nothing-here").toString(), "error");
        assertThat(exit).isEqualTo(CommandErrorHandler.USER_ERROR);
        assertThat(err.toString()).startsWith("loupe: there is no Loupe data in").contains("./loupe demo");
    }

    /** A query error on the local path shows the offending line with a caret under the spot. */
    @Test
    void queryErrorShowsACaret() {
        try (EmbeddedLogStore store = DataFolders.open(dataDirectory)) {
            assertThat(store).isNotNull();
        }
        StringWriter err = new StringWriter();
        CommandLine commandLine = LoupeCommand.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exit = commandLine.execute("query", "--data", dataDirectory.toString(), "error\n| jsn \"x\"");
        assertThat(exit).isEqualTo(CommandErrorHandler.USER_ERROR);
        assertThat(err.toString()).isEqualTo("loupe: line 2, col 3: unknown operator 'jsn' (did you mean 'json'?)\n"
                + "| jsn \"x\"\n"
                + "  ^~~\n");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : new String[] {"serve", "demo", "ingest", "query", "check", "version", "bench"}) {
            StringWriter out = new StringWriter();
            CommandLine commandLine = LoupeCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            assertThat(commandLine.execute(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: loupe " + command);
        }
    }
}
