package io.openloop.ledger.store.tokens;

import static org.axonframework.common.BuilderUtils.assertNonEmpty;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.serialization.Serializer;

/**
 * Builder of {@link MongoTokenStore}. The {@link MongoDatabase} and the {@link Serializer} are required; Axon's
 * {@code JacksonSerializer} is the expected one. Defaults: node id from the JVM's runtime name ({@code pid@host}),
 * claim timeout 10 seconds, collection {@code tokens}, system UTC clock.
 *
 * <p>Setters raise {@link AxonConfigurationException} on a null or empty value, and {@link #build()} raises it when a
 * required value is missing.
 */
public final class MongoTokenStoreBuilder {

    private MongoDatabase database;
    private Serializer serializer;
    private String nodeId = ManagementFactory.getRuntimeMXBean().getName();
    private Duration claimTimeout = Duration.ofSeconds(10);
    private String collectionName = "tokens";
    private Clock clock = Clock.systemUTC();

    MongoTokenStoreBuilder() {}

    /** Sets the database that contains the token collection. */
    public MongoTokenStoreBuilder database(MongoDatabase database) {
        assertNonNull(database, "The MongoDatabase may not be null");
        this.database = database;
        return this;
    }

    /** Sets the serializer of the stored tracking tokens. */
    public MongoTokenStoreBuilder serializer(Serializer serializer) {
        assertNonNull(serializer, "The Serializer may not be null");
        this.serializer = serializer;
        return this;
    }

    /** Sets the owner id this store writes on the segments it claims; each node needs its own. */
    public MongoTokenStoreBuilder nodeId(String nodeId) {
        assertNonEmpty(nodeId, "The node id may not be null or empty");
        this.nodeId = nodeId;
        return this;
    }

    /**
     * Sets how long a claim stays valid after it was last made, extended or stored. Another node may take a segment
     * whose claim is older than this.
     */
    public MongoTokenStoreBuilder claimTimeout(Duration claimTimeout) {
        assertNonNull(claimTimeout, "The claim timeout may not be null");
        assertThat(claimTimeout, timeout -> !timeout.isNegative(), "The claim timeout may not be negative");
        this.claimTimeout = claimTimeout;
        return this;
    }

    /** Sets the name of the token collection. */
    public MongoTokenStoreBuilder collectionName(String collectionName) {
        assertNonEmpty(collectionName, "The token collection name may not be null or empty");
        this.collectionName = collectionName;
        return this;
    }

    /** Sets the clock that timestamps claims and decides when they expire. */
    public MongoTokenStoreBuilder clock(Clock clock) {
        assertNonNull(clock, "The Clock may not be null");
        this.clock = clock;
        return this;
    }

    /** Builds the store; raises {@link AxonConfigurationException} when the database or the serializer is missing. */
    public MongoTokenStore build() {
        assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        assertNonNull(serializer, "The Serializer is a hard requirement and should be provided");
        return new MongoTokenStore(this);
    }

    MongoDatabase database() {
        return database;
    }

    Serializer serializer() {
        return serializer;
    }

    String nodeId() {
        return nodeId;
    }

    Duration claimTimeout() {
        return claimTimeout;
    }

    String collectionName() {
        return collectionName;
    }

    Clock clock() {
        return clock;
    }
}
