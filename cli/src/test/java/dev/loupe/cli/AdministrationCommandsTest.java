package dev.loupe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loupe.server.auth.Role;
import dev.loupe.server.auth.SecretHasher;
import dev.loupe.server.auth.UserDirectory;
import dev.loupe.server.persistence.Database;
import dev.loupe.server.receiver.HttpSource;
import dev.loupe.server.receiver.HttpSourceRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code loupe user create}, {@code loupe key create}, {@code loupe source create} on a data folder. */
class AdministrationCommandsTest {
    @TempDir
    Path dataDirectory;

    @Test
    void createAUserTheirKeyAndASource() {
        String userOutput = run("user", "create", "--name", "ann", "--role", "administrator", "--data",
                dataDirectory.toString());
        assertThat(userOutput).contains("Created administrator ann").contains("Password:");
        String password = find(userOutput, "Password:\\s+(\\S+)");
        String keyOutput = run("key", "create", "--user", "ann", "--label", "ci", "--data", dataDirectory.toString());
        String accessId = find(keyOutput, "Access id:\\s+(\\S+)");
        String accessKey = find(keyOutput, "Access key:\\s+(\\S+)");
        String sourceOutput = run("source", "create", "--category", "prod/web", "--name", "web", "--host", "web-1",
                "--fields", "team=infra,tier=front", "--time-zone", "Europe/Berlin", "--timestamp-format",
                "dd/MM/yyyy HH:mm:ss", "--base-url", "http://loupe.example:8080", "--data", dataDirectory.toString());
        String url = find(sourceOutput, "URL:\\s+(\\S+)");
        assertThat(url).startsWith("http://loupe.example:8080/receiver/v1/http/");

        try (Database database = Database.open(dataDirectory)) {
            UserDirectory users = UserDirectory.open(database, dataDirectory, Clock.systemUTC(), new SecretHasher(4));
            assertThat(users.verifyPassword("ann", password)).hasValueSatisfying(
                    user -> assertThat(user.role()).isEqualTo(Role.ADMINISTRATOR));
            assertThat(users.verifyKey(accessId, accessKey)).isPresent();
            HttpSourceRegistry sources = HttpSourceRegistry.open(database, dataDirectory, Clock.systemUTC());
            HttpSource source = sources.findByToken(url.substring(url.lastIndexOf('/') + 1)).orElseThrow();
            assertThat(source.host()).isEqualTo("web-1");
            assertThat(source.fields()).containsEntry("team", "infra").containsEntry("tier", "front");
            assertThat(source.timeZone()).isEqualTo("Europe/Berlin");
            assertThat(source.timestampFormat()).isEqualTo("dd/MM/yyyy HH:mm:ss");
        }
        assertThat(run("source", "list", "--data", dataDirectory.toString())).contains(HttpSourceRegistry.DEFAULT_SOURCE_NAME, "web");
        assertThat(run("user", "list", "--data", dataDirectory.toString())).contains("administrator  ann");
    }

    @Test
    void anUnknownUserOrRoleIsAnError() {
        CommandLine commandLine = LoupeCommand.commandLine();
        StringWriter errors = new StringWriter();
        commandLine.setErr(new PrintWriter(errors));
        commandLine.setOut(new PrintWriter(new StringWriter()));
        assertThat(commandLine.execute("key", "create", "--user", "nobody", "--data", dataDirectory.toString())).isNotZero();
        assertThat(commandLine.execute("user", "create", "--name", "x", "--role", "god", "--data",
                dataDirectory.toString())).isNotZero();
        assertThat(errors.toString()).contains("nobody").contains("unknown role");
    }

    private static String run(String... arguments) {
        CommandLine commandLine = LoupeCommand.commandLine();
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        commandLine.setOut(new PrintWriter(output));
        commandLine.setErr(new PrintWriter(errors));
        int exitCode = commandLine.execute(arguments);
        assertThat(exitCode).as(errors.toString()).isZero();
        return output.toString();
    }

    private static String find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}
