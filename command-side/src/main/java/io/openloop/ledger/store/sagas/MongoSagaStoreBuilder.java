package io.openloop.ledger.store.sagas;

import static org.axonframework.common.BuilderUtils.assertNonEmpty;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertThat;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.serialization.Serializer;

/**
 * Builder of {@link MongoSagaStore}. The {@link MongoDatabase} and the {@link Serializer} are required; Axon's
 * {@code JacksonSerializer} is the expected one. Defaults: collections {@code sagas} and {@code sagaAssociations},
 * system UTC clock, dangling-association grace period 5 minutes.
 *
 * <p>Setters raise {@link AxonConfigurationException} on a null, empty or negative value, and {@link #build()} raises
 * it when a required value is missing.
 */
public final class MongoSagaStoreBuilder {

    private MongoDatabase database;
    private Serializer serializer;
    private String sagaCollectionName = "sagas";
    private String associationCollectionName = "sagaAssociations";
    private Clock clock = Clock.systemUTC();
    private Duration danglingAssociationGracePeriod = Duration.ofMinutes(5);

    MongoSagaStoreBuilder() {}

    /** Sets the database that contains both collections. */
    public MongoSagaStoreBuilder database(MongoDatabase database) {
        assertNonNull(database, "The MongoDatabase may not be null");
        this.database = database;
        return this;
    }

    /** Sets the serializer of the saga instances. */
    public MongoSagaStoreBuilder serializer(Serializer serializer) {
        assertNonNull(serializer, "The Serializer may not be null");
        this.serializer = serializer;
        return this;
    }

    /** Sets the name of the collection with one document per saga. */
    public MongoSagaStoreBuilder sagaCollectionName(String sagaCollectionName) {
        assertNonEmpty(sagaCollectionName, "The saga collection name may not be null or empty");
        this.sagaCollectionName = sagaCollectionName;
        return this;
    }

    /** Sets the name of the collection with one document per saga type and association value. */
    public MongoSagaStoreBuilder associationCollectionName(String associationCollectionName) {
        assertNonEmpty(associationCollectionName, "The association collection name may not be null or empty");
        this.associationCollectionName = associationCollectionName;
        return this;
    }

    /** Sets the clock that timestamps association changes. */
    public MongoSagaStoreBuilder clock(Clock clock) {
        assertNonNull(clock, "The Clock may not be null");
        this.clock = clock;
        return this;
    }

    /**
     * Sets how long after the last saga id was added to an association the store leaves that association's dangling
     * ids in place. It must exceed the time between the two writes of an insert, including the clock difference
     * between nodes, because a saga id whose saga document is not written yet looks dangling.
     */
    public MongoSagaStoreBuilder danglingAssociationGracePeriod(Duration gracePeriod) {
        assertNonNull(gracePeriod, "The grace period may not be null");
        assertThat(gracePeriod, period -> !period.isNegative(), "The grace period may not be negative");
        this.danglingAssociationGracePeriod = gracePeriod;
        return this;
    }

    /** Builds the store; raises {@link AxonConfigurationException} when the database or the serializer is missing. */
    public MongoSagaStore build() {
        assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        assertNonNull(serializer, "The Serializer is a hard requirement and should be provided");
        return new MongoSagaStore(this);
    }

    MongoDatabase database() {
        return database;
    }

    Serializer serializer() {
        return serializer;
    }

    String sagaCollectionName() {
        return sagaCollectionName;
    }

    String associationCollectionName() {
        return associationCollectionName;
    }

    Clock clock() {
        return clock;
    }

    Duration danglingAssociationGracePeriod() {
        return danglingAssociationGracePeriod;
    }
}
