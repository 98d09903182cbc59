package io.openloop.ledger.api.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.mongodb.MongoMetricsCommandListener;
import io.openloop.ledger.api.security.OperatorToken;
import io.openloop.ledger.store.embedded.Durability;
import io.openloop.ledger.store.embedded.EmbeddedMongoStore;
import io.openloop.ledger.store.embedded.EmbeddedStoreOptions;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.sagas.MongoSagaStore;
import io.openloop.ledger.store.tokens.MongoTokenStore;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Chooses the store and wires every Axon storage component to it through the MongoDB Java driver.
 *
 * <p>With {@code openloop.mongo.uri} set, the server uses that MongoDB (standalone or replica set). Without it, the
 * server starts the embedded MongoDB-wire store in the data directory. Either way the same code path talks to it.
 */
@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StorageConfiguration.class);

    @Bean
    StoreLocation storeLocation(
            @Value("${openloop.mongo.uri:}") String uri,
            @Value("${openloop.data.dir}") Path dataDir,
            @Value("${openloop.store.durability}") String durability,
            @Value("${openloop.store.port}") int port) {
        if (uri != null && !uri.isBlank()) {
            ConnectionString connection = new ConnectionString(uri);
            log.info("Store: MongoDB at {} (external)", connection.getHosts());
            // The disk space health check measures the data directory's file system, and reports a missing directory
            // as a full disk, so the directory exists with an external store too.
            try {
                DataDirectory.restrictToOwner(dataDir);
            } catch (UncheckedIOException e) {
                log.warn(
                        "Could not create the data directory {}; the disk space health check will report DOWN",
                        dataDir,
                        e);
            }
            return StoreLocation.external(connection);
        }
        DataDirectory.restrictToOwner(dataDir);
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDir)
                .withPort(port)
                .withDurability(Durability.valueOf(durability.toUpperCase(Locale.ROOT)));
        EmbeddedMongoStore store = EmbeddedMongoStore.open(options);
        return StoreLocation.embedded(store, dataDir);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(StoreLocation location, ObjectProvider<MeterRegistry> meters) {
        ConnectionString connection = location.connectionString();
        WriteConcern writeConcern = connection.getWriteConcern() != null
                ? connection.getWriteConcern()
                : WriteConcern.MAJORITY.withJournal(true);
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(connection)
                .writeConcern(writeConcern)
                .applicationName("openloop-ledger");
        // Counts and times every store command by name, so writes per request can be read off the metrics.
        meters.ifAvailable(registry -> settings.addCommandListener(new MongoMetricsCommandListener(registry)));
        return MongoClients.create(settings.build());
    }

    @Bean
    MongoDatabase mongoDatabase(MongoClient client, @Value("${openloop.mongo.database}") String database) {
        return client.getDatabase(database);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    OperatorToken operatorToken(
            StoreLocation location,
            @Value("${openloop.admin.token:}") String configured,
            @Value("${openloop.data.dir}") Path dataDir) {
        return OperatorToken.resolve(configured, dataDir, location.isEmbedded());
    }

    @Bean
    MongoEventStorageEngine eventStorageEngine(
            MongoDatabase database,
            Serializer snapshotSerializer,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration axon,
            @Value("${openloop.events.gap-timeout}") Duration gapTimeout) {
        return MongoEventStorageEngine.builder()
                .database(database)
                .snapshotSerializer(snapshotSerializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axon.upcasterChain())
                .gapTimeout(gapTimeout)
                .build();
    }

    @Bean
    TokenStore tokenStore(MongoDatabase database, Serializer serializer) {
        return MongoTokenStore.builder()
                .database(database)
                .serializer(serializer)
                .build();
    }

    @Bean
    SagaStore<Object> sagaStore(MongoDatabase database, Serializer serializer) {
        return MongoSagaStore.builder()
                .database(database)
                .serializer(serializer)
                .build();
    }
}
