package dev.loupe.cli;

import dev.loupe.query.LogQueryEngine;
import dev.loupe.query.metrics.MetricsQueryEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import dev.loupe.query.lookup.LookupCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loupe check}: reads {@code {"queryType":"logs"|"metrics","query":"..."}} lines on stdin and answers one
 * line each, {@code {"ok":true}} or {@code {"ok":false,"error":"...","line":L,"col":C}}. Parses and analyzes only.
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check queries read as JSON lines on stdin without running them.")
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        LogQueryEngine engine = new LogQueryEngine(new NoStorage(), LookupCatalog.virtualTableSchemas());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintWriter out = spec.commandLine().getOut();
        new QueryChecker(engine, new MetricsQueryEngine(new NoMetricStorage())).checkAll(in, out);
        return 0;
    }
}
