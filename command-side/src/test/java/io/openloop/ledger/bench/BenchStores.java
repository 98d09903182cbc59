package io.openloop.ledger.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.embedded.EmbeddedStoreOptions;
import io.openloop.ledger.store.events.IndexDeclaration;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.bson.Document;

/** Opens the stores, clients and engines of the benchmark with the server's settings. */
final class BenchStores {

    static final String DATABASE = "openloop";

    /**
     * MVStore page cache of the durable stores, in MiB: the server's default unless the system property {@code
     * bench.cacheSizeMb} sets another size, to measure how much of a phase's time goes to cache misses.
     */
    static final int CACHE_SIZE_MB =
            Integer.getInteger("bench.cacheSizeMb", EmbeddedStoreOptions.DEFAULT_CACHE_SIZE_MB);

    private BenchStores() {}

    /**
     * Opens the embedded store with its defaults (the server's: durability FSYNC) and a page cache of {@link
     * #CACHE_SIZE_MB} on a fresh data directory.
     */
    static EmbeddedMongoStore openDurable(Path dataDirectory) {
        deleteRecursively(dataDirectory);
        return EmbeddedMongoStore.open(
                EmbeddedStoreOptions.defaults(dataDirectory).withCacheSizeMb(CACHE_SIZE_MB));
    }

    /** A mongo-java-server on an H2 file opened with MVStore's defaults, which commit in the background. */
    static final class BackgroundCommitStore implements AutoCloseable {

        private final Path file;
        private final MongoServer server;
        private final String connectionString;

        private BackgroundCommitStore(Path file, MongoServer server, String connectionString) {
            this.file = file;
            this.server = server;
            this.connectionString = connectionString;
        }

        static BackgroundCommitStore open(Path dataDirectory) {
            deleteRecursively(dataDirectory);
            createDirectories(dataDirectory);
            Path file = dataDirectory.resolve("background.mv.db");
            MongoServer server = new MongoServer(new H2Backend(file.toString()));
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = server.getLocalAddress();
            return new BackgroundCommitStore(
                    file, server, "mongodb://" + address.getHostString() + ":" + address.getPort());
        }

        String connectionString() {
            return connectionString;
        }

        Path dataFile() {
            return file;
        }

        @Override
        public void close() {
            server.shutdownNow();
        }
    }

    /** Creates a client with the server's default write concern, majority with journal. */
    static MongoClient client(String connectionString) {
        ConnectionString connection = new ConnectionString(connectionString);
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .applicationName("openloop-bench")
                .build();
        return MongoClients.create(settings);
    }

    /** Builds the engine as the server does: JacksonSerializer for events and snapshots, default gap timeout. */
    static MongoEventStorageEngine engine(MongoDatabase database) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .snapshotSerializer(BenchEvents.serializer())
                .eventSerializer(BenchEvents.serializer())
                .build();
    }

    /** Returns an events collection in {@code database} with the indexes of the engine's events collection. */
    static MongoCollection<Document> rawEventsCollection(MongoDatabase database, MongoEventStorageEngine engine) {
        MongoCollection<Document> collection = database.getCollection("events");
        List<IndexDeclaration> declarations = engine.indexes();
        for (IndexDeclaration declaration : declarations) {
            if (declaration.collection().equals("events") && !declaration.implicit()) {
                collection.createIndexes(List.of(declaration.model()));
            }
        }
        return collection;
    }

    static long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to read the size of " + file, e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + directory, e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create " + directory, e);
        }
    }
}
