package io.openloop.ledger.api.config;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.deadlines.MongoDeadlineManager;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the {@link MongoDeadlineManager} as Axon's deadline manager, so the deadlines that aggregates and sagas
 * schedule survive restarts and fire on one node of those sharing the database.
 *
 * <p>Axon's Spring configuration resolves {@code DeadlineManager} handler parameters to this bean, and starts and
 * stops its poller with the other inbound connectors because the manager is an Axon {@code Lifecycle}.
 */
@Configuration(proxyBeanMethods = false)
class DeadlineConfiguration {

    @Bean(destroyMethod = "shutdown")
    MongoDeadlineManager deadlineManager(
            MongoDatabase database,
            Serializer serializer,
            org.axonframework.config.Configuration axon,
            TransactionManager transactionManager,
            DeadlineManagerSpanFactory spanFactory,
            Clock clock,
            @Value("${openloop.deadlines.poll-interval}") Duration pollInterval,
            @Value("${openloop.deadlines.claim-lease}") Duration claimLease) {
        MongoDeadlineManager manager = MongoDeadlineManager.builder()
                .database(database)
                .serializer(serializer)
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(axon))
                .transactionManager(transactionManager)
                .spanFactory(spanFactory)
                .clock(clock)
                .pollInterval(pollInterval)
                .claimLease(claimLease)
                .build();
        manager.createIndexes();
        return manager;
    }
}
