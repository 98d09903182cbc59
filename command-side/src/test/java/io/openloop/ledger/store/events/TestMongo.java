package io.openloop.ledger.store.events;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An in-process mongo-java-server with the H2 backend on a temporary file, listening on 127.0.0.1 at a free port.
 *
 * <p>NOTE: the H2 backend opened from a file name commits in the background about once a second, so this store does
 * not survive a killed process; it serves tests only.
 */
final class TestMongo implements AutoCloseable {

    private final Path directory;
    private final Path dataFile;
    private final MongoServer server;
    private final InetSocketAddress address;

    private TestMongo(Path directory, Path dataFile, MongoServer server, InetSocketAddress address) {
        this.directory = directory;
        this.dataFile = dataFile;
        this.server = server;
        this.address = address;
    }

    static TestMongo start() {
        try {
            Path directory = Files.createTempDirectory("ledger-event-store-");
            Path dataFile = directory.resolve("events.mv.db");
            MongoServer server = new MongoServer(new H2Backend(dataFile.toString()));
            server.bind("127.0.0.1", 0);
            return new TestMongo(directory, dataFile, server, server.getLocalAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for the test store", e);
        }
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    Path dataFile() {
        return dataFile;
    }

    @Override
    public void close() {
        server.shutdownNow();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the test store at " + directory, e);
        }
    }
}
