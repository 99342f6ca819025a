package dev.loupe.cli.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A command-line tool run as a child process over the NDJSON file, as a user would at a shell: {@code jq} filters,
 * groups and counts; {@code rg} counts the lines holding a fixed string. Each run reads the whole file.
 */
public final class CommandLinePeer implements Peer {
    /** The tools this peer can be. */
    public enum Tool {
        JQ("jq"),
        RIPGREP("rg");

        private final String executable;

        Tool(String executable) {
            this.executable = executable;
        }

        /** Whether the tool is on the {@code PATH} (it answers {@code --version}). */
        public boolean installed() {
            try {
                Process process = new ProcessBuilder(executable, "--version").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                return process.waitFor() == 0;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Tool tool;
    private final Path events;
    private final Duration timeLimit;

    /**
     * @param timeLimit how long one run may take; a run past it is killed and reported as failed (jq's
     *     {@code reduce} over tens of thousands of keys can take many minutes on millions of events)
     */
    public CommandLinePeer(Tool tool, Path events, Duration timeLimit) {
        this.tool = tool;
        this.events = events;
        this.timeLimit = timeLimit;
    }

    @Override
    public String name() {
        return tool.executable;
    }

    @Override
    public boolean slow() {
        return true;
    }

    @Override
    public boolean inProcess() {
        return false;
    }

    @Override
    public boolean groups() {
        return tool == Tool.JQ;
    }

    @Override
    public Optional<Answer> answer(Task task) throws IOException, InterruptedException {
        return switch (tool) {
            case JQ -> task.jqSelect().isEmpty() ? Optional.empty() : Optional.of(jq(task.jqSelect().get(), task.jqKey()));
            case RIPGREP -> task.ripgrepLiteral().isEmpty() ? Optional.empty() : Optional.of(ripgrep(task.ripgrepLiteral().get()));
        };
    }

    private Answer jq(String select, String key) throws IOException, InterruptedException {
        String program = "reduce (inputs | select(" + select + ") | (" + key + ") | tostring) as $k ({}; .[$k] += 1)";
        JsonNode counts = MAPPER.readTree(run(List.of("jq", "-n", "-c", program, events.toString()), false, timeLimit));
        long total = 0;
        for (Iterator<JsonNode> values = counts.elements(); values.hasNext(); ) {
            total += values.next().asLong();
        }
        return new Answer(total, counts.size());
    }

    private Answer ripgrep(String literal) throws IOException, InterruptedException {
        String output = run(List.of("rg", "--count", "--fixed-strings", "--no-filename", "--", literal, events.toString()), true, timeLimit).trim();
        return new Answer(output.isEmpty() ? 0 : Long.parseLong(output), 1);
    }

    /**
     * Runs {@code command} and returns its standard output; exit 1 is "no match" when {@code noMatchIsEmpty}. The
     * output goes to a temporary file, so the time limit holds however little the tool prints.
     */
    private static String run(List<String> command, boolean noMatchIsEmpty, Duration timeLimit)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("loupe-bench-peer-", ".out");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IOException(command.getFirst() + " took longer than " + timeLimit.toSeconds() + " s, the limit");
            }
            return finish(command, process.exitValue(), Files.readString(output, StandardCharsets.UTF_8), noMatchIsEmpty);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static String finish(List<String> command, int exit, String output, boolean noMatchIsEmpty) throws IOException {
        if (exit != 0 && !(noMatchIsEmpty && exit == 1)) {
            throw new IOException(command.getFirst() + " exited with " + exit);
        }
        return output;
    }

    @Override
    public void close() {
        // Nothing is held between runs: each answer is one child process that has ended.
    }
}
