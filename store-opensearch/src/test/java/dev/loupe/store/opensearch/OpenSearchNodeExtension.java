package dev.loupe.store.opensearch;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods and lifecycle methods an {@link OpenSearchNode} parameter: one node per test run, started by
 * the first test class that asks and stopped when the run ends (JUnit closes it with the root context's store).
 * Tests share the node; each uses its own index prefix.
 */
public final class OpenSearchNodeExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenSearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(OpenSearchNodeExtension.class))
                .getOrComputeIfAbsent(OpenSearchNode.class, key -> {
                    try {
                        return OpenSearchNode.start();
                    } catch (Exception failure) {
                        throw new IllegalStateException("could not start OpenSearch: " + failure.getMessage(), failure);
                    }
                }, OpenSearchNode.class);
    }
}
