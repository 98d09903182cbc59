package io.openloop.ledger.command;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.command.loop.HandleRegistry;
import io.openloop.ledger.command.loop.LoopDirectory;
import io.openloop.ledger.command.loop.MongoHandleRegistry;
import io.openloop.ledger.command.loop.MongoLoopDirectory;
import java.time.Clock;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Beans the aggregates need: snapshot triggers, a deadline manager unless another is defined, and the set-based
 * lookups beside the event store.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    @Bean
    public SpringAggregateSnapshotterFactoryBean snapshotter() {
        return new SpringAggregateSnapshotterFactoryBean();
    }

    @Bean
    public SnapshotTriggerDefinition loopSnapshotTrigger(
            Snapshotter snapshotter, @Value("${openloop.snapshots.loop-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    public SnapshotTriggerDefinition creditAccountSnapshotTrigger(
            Snapshotter snapshotter, @Value("${openloop.snapshots.credit-account-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Schedules deadlines, such as hold expiry, in memory when no other {@link DeadlineManager} bean is defined. Axon's
     * Spring Boot auto-configuration defines none, and aggregates receive their {@code DeadlineManager} parameter
     * from a bean.
     */
    // NOTE: deadlines scheduled here are lost on restart. A hold open across a restart then stays open until it is
    // captured or released. A persistent DeadlineManager bean replaces this one.
    @Bean
    @ConditionalOnMissingBean(DeadlineManager.class)
    public DeadlineManager deadlineManager(Configuration configuration) {
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .build();
    }

    @Bean
    public HandleRegistry handleRegistry(MongoDatabase database, EventStore eventStore, Clock clock) {
        return new MongoHandleRegistry(database, eventStore, clock);
    }

    @Bean
    public LoopDirectory loopDirectory(MongoDatabase database) {
        return new MongoLoopDirectory(database);
    }
}
