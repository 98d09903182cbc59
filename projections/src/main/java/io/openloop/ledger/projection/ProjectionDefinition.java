package io.openloop.ledger.projection;

import com.mongodb.client.MongoDatabase;
import java.util.List;
import java.util.function.Function;

/**
 * Describes a projection that an operator can rebuild from the event store: every projection declares one as a Spring
 * bean next to its event handler class.
 *
 * @param processingGroup the Axon processing group of the event handler
 * @param collections the read-model collections the handler writes, and nothing else
 * @param factory builds a fresh instance of the event handler class that writes to the given database
 */
public record ProjectionDefinition(
        String processingGroup, List<String> collections, Function<MongoDatabase, Object> factory) {

    public ProjectionDefinition {
        collections = List.copyOf(collections);
    }
}
