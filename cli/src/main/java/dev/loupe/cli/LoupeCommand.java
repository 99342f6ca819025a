package dev.loupe.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code loupe} command: the entry point of the launcher script. */
@Command(name = "loupe",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "Loupe: self-hosted log analytics that speaks the Sumo Logic query language and APIs.",
        subcommands = {
            ServeCommand.class,
            DemoCommand.class,
            SimulateCommand.class,
            IngestCommand.class,
            QueryCommand.class,
            CheckCommand.class,
            VersionCommand.class,
            BenchCommand.class,
            UserCommand.class,
            KeyCommand.class,
            SourceCommand.class,
            CollectorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class LoupeCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * Lucene logs through java.util.logging that the incubating Vector API is not enabled; that is a tuning
     * note for operators, not something a user of the command line can act on. Held here so the level sticks.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization.VectorizationProvider");

    public static void main(String[] arguments) {
        LUCENE_VECTORIZATION.setLevel(java.util.logging.Level.SEVERE);
        System.exit(commandLine().execute(arguments));
    }

    /** The configured command line; tests run commands through it. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new LoupeCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler(new CommandErrorHandler());
        return commandLine;
    }
}
