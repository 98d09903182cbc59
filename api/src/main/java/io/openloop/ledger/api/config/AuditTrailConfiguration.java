package io.openloop.ledger.api.config;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.audit.AuditCheckpoints;
import io.openloop.ledger.store.audit.AuditDigester;
import io.openloop.ledger.store.audit.StoreAuditor;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the audit digester of this node, which checkpoints the global digest over the settled prefix of the event
 * store, and provides the auditor that verifies the stored trail. Every node of a database may run the digester.
 */
@Configuration(proxyBeanMethods = false)
class AuditTrailConfiguration {

    @Bean
    AuditCheckpoints auditCheckpoints(MongoDatabase database) {
        return new AuditCheckpoints(database);
    }

    @Bean
    StoreAuditor storeAuditor(MongoDatabase database, AuditCheckpoints checkpoints) {
        return new StoreAuditor(new StoredEventReader(database), checkpoints);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    AuditDigester auditDigester(
            MongoDatabase database,
            MongoEventStorageEngine engine,
            AuditCheckpoints checkpoints,
            Clock clock,
            @Value("${openloop.audit.digest-interval}") Duration interval) {
        return new AuditDigester(engine, new StoredEventReader(database), checkpoints, clock, interval);
    }
}
