package io.openloop.ledger.api.config;

import com.mongodb.ConnectionString;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import java.nio.file.Path;

/** The location of the server's data: an external MongoDB, or the embedded store it started and closes on shutdown. */
record StoreLocation(ConnectionString connectionString, EmbeddedMongoStore embedded, Path dataDirectory)
        implements AutoCloseable {

    static StoreLocation external(ConnectionString connection) {
        return new StoreLocation(connection, null, null);
    }

    static StoreLocation embedded(EmbeddedMongoStore store, Path dataDirectory) {
        return new StoreLocation(new ConnectionString(store.connectionString()), store, dataDirectory);
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
