package dev.loupe.cli;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.net.ConnectException;
import picocli.CommandLine;

/** Prints errors of commands as one clear line (no stack trace) and picks the exit code. */
final class CommandErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exit code for a user error (bad query, bad input). */
    static final int USER_ERROR = 2;
    /** Exit code for an environment or internal failure. */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        String message = switch (exception) {
            case LoupeException loupe -> "loupe: " + loupe.getMessage();
            case ConnectException connect -> "loupe: cannot connect to the server: " + connect.getMessage();
            case IOException io -> "loupe: " + io.getMessage();
            default -> "loupe: unexpected error: " + exception;
        };
        commandLine.getErr().println(message);
        if (!(exception instanceof LoupeException) && !(exception instanceof IOException)) {
            exception.printStackTrace(commandLine.getErr());
        }
        return exception instanceof LoupeException loupe
                && loupe.errorCode().category() == dev.loupe.core.ErrorCategory.USER_ERROR ? USER_ERROR : FAILURE;
    }
}
