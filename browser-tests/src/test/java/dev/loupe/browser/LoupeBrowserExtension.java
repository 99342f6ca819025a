package dev.loupe.browser;

import dev.loupe.cli.DemoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Gives browser tests a real Loupe server with the demo data and a headless Chromium:
 *
 * <pre>{@code
 * @ExtendWith(LoupeBrowserExtension.class)
 * class SearchPageTest {
 *     @Test
 *     void searches(Browser browser, DemoServer server) {
 *         browser.signIn(server.userName(), server.password(), "#/search");
 *         ...
 *         browser.screenshot("search-results");
 *     }
 * }
 * }</pre>
 *
 * <p>The server ({@link DemoServer}: the simulated API Gateway fleet, the real CloudTrail samples when
 * {@code ../shared/data/cloudtrail} exists, the installed AWS API Gateway app, the live per-minute feed) starts once
 * per test run on a free loopback port over a temporary folder, and is shared by every test class; the system
 * property {@code loupe.browser.days} (default 8) sets how many days it simulates. Each test class gets its own
 * browser (fresh profile), closed after the class; tests in one class share it, so sign in at the start of each
 * test ({@link Browser#signIn} does nothing when already signed in). A failed test saves
 * {@code failed-<class>-<test>.png} and prints the browser console's warnings and errors.
 */
public final class LoupeBrowserExtension implements ParameterResolver, AfterAllCallback, TestWatcher {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LoupeBrowserExtension.class);

    /** The shared server, closed (and its folder deleted) when the whole run ends. */
    private record SharedServer(DemoServer server, Path folder) implements AutoCloseable {
        static SharedServer start() {
            try {
                Path folder = Files.createTempDirectory("loupe-browser-tests-");
                int days = Integer.getInteger("loupe.browser.days", 8);
                return new SharedServer(DemoServer.start("127.0.0.1", 0, folder, days, null), folder);
            } catch (IOException failure) {
                throw new UncheckedIOException(failure);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the demo server", interrupted);
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } finally {
                Browser.deleteQuietly(folder);
            }
        }
    }

    /** The server shared by the whole run, started on first use. */
    public static DemoServer server(ExtensionContext context) {
        SharedServer shared = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SharedServer.class,
                type -> {
                    SharedServer started = SharedServer.start();
                    started.server().startLiveFeed();
                    return started;
                }, SharedServer.class);
        return shared.server();
    }

    private static Browser browser(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        DemoServer server = server(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Browser.class,
                type -> Browser.start(server.baseUrl()), Browser.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Browser.class || type == DemoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Browser.class ? browser(context) : server(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser browser = classContext(context).getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser == null) {
            return;
        }
        try {
            Path shot = browser.screenshot("failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName());
            System.err.println("browser test failed; screenshot: " + shot.toAbsolutePath());
            browser.consoleProblems().forEach(problem -> System.err.println("browser console: " + problem));
        } catch (RuntimeException failure) {
            System.err.println("could not save the failure screenshot: " + failure);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Optional.ofNullable(context.getStore(NAMESPACE).remove(Browser.class, Browser.class)).ifPresent(Browser::close);
    }
}
