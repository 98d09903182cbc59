package io.openloop.ledger.api;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.embedded.EmbeddedStoreOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Opens the embedded mongo-java-server store in a temporary directory before a test class and closes it after, for
 * tests that use the driver directly without a server. It prints which store the class runs on. Register it as a
 * static field with {@code @RegisterExtension}.
 */
public final class EmbeddedStore implements BeforeAllCallback, AfterAllCallback {

    private Path dataDir;
    private EmbeddedMongoStore server;
    private MongoClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dataDir = Files.createTempDirectory("openloop-store-test");
        String testClass = context.getRequiredTestClass().getSimpleName();
        System.out.println("[store] " + testClass + " runs on the embedded mongo-java-server store in " + dataDir);
        server = EmbeddedMongoStore.open(EmbeddedStoreOptions.defaults(dataDir));
        client = MongoClients.create(server.connectionString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        client.close();
        server.close();
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(EmbeddedStore::delete);
        }
    }

    /** Returns the driver's client of the store, open from before the first test to after the last. */
    public MongoClient client() {
        return client;
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
