package io.openloop.ledger.store.testing;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bson.Document;

/**
 * A mongo-java-server with the H2 file backend in a temporary directory, listening on 127.0.0.1 on a free port, with a
 * client connected to it. {@link #close()} stops both and deletes the directory.
 */
public final class InProcessMongo implements AutoCloseable {

    private final Path directory;
    private final H2Backend backend;
    private final MongoServer server;
    private final MongoClient client;
    private final InetSocketAddress address;
    private final AtomicInteger databaseCount = new AtomicInteger();

    private InProcessMongo(Path directory, CommandListener listener) {
        this.directory = directory;
        this.backend = new H2Backend(directory.resolve("store.mv").toString());
        this.server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        this.address = server.getLocalAddress();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()));
        if (listener != null) {
            settings.addCommandListener(listener);
        }
        this.client = MongoClients.create(settings.build());
    }

    /** Starts a server on a new temporary H2 file. */
    public static InProcessMongo start() {
        return start(null);
    }

    /** Starts a server on a new temporary H2 file, with a client that reports every command to {@code listener}. */
    public static InProcessMongo start(CommandListener listener) {
        try {
            return new InProcessMongo(Files.createTempDirectory("openloop-mongo-"), listener);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the H2 file", e);
        }
    }

    /** Returns a database no other caller of this instance has used, so tests do not see each other's data. */
    public MongoDatabase newDatabase(String prefix) {
        return client.getDatabase(prefix + "_" + databaseCount.incrementAndGet());
    }

    /** Describes the server for the test log: product, backend, address and the version it reports. */
    public String description() {
        Document buildInfo = client.getDatabase("admin").runCommand(new Document("buildInfo", 1));
        return "mongo-java-server 1.47.0 (H2 file backend) at 127.0.0.1:" + address.getPort()
                + ", reporting MongoDB version " + buildInfo.getString("version");
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
        backend.close();
        deleteDirectory();
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
