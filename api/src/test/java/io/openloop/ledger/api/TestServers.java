package io.openloop.ledger.api;

import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Settings shared by the integration tests that start the whole server on the embedded store. */
final class TestServers {

    static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    private TestServers() {}

    /** Points the server at a fresh embedded store in {@code dataDir} and prints that in the test output. */
    static void embeddedStore(DynamicPropertyRegistry registry, Path dataDir, Class<?> suite) {
        registry.add("openloop.data.dir", dataDir::toString);
        registry.add("openloop.mongo.uri", () -> "");
        registry.add("openloop.admin.token", () -> OPERATOR_TOKEN);
        registry.add("server.port", () -> "0");
        // Contexts still cached at the end of the run close in a shutdown hook. A graceful shutdown there can wait
        // for its 30 s timeout on idle test connections, so it would outlast the test JVM's exit.
        registry.add("server.shutdown", () -> "immediate");
        System.out.println(
                "[store] " + suite.getSimpleName() + " runs on the embedded mongo-java-server store in " + dataDir);
    }
}
