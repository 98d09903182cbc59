package io.openloop.ledger.command;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.command.loop.HandleRegistry;
import io.openloop.ledger.command.loop.LoopDirectory;
import io.openloop.ledger.command.loop.MongoHandleRegistry;
import io.openloop.ledger.command.loop.MongoLoopDirectory;
import java.time.Clock;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Beans the aggregates need: snapshot triggers, a deadline manager unless another is defined, and the set-based
 * lookups beside the event store.
 */
@Configuration(proxyBeanMethods = false)
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

    @Bean
    public HandleRegistry handleRegistry(MongoDatabase database, EventStore eventStore, Clock clock) {
        return new MongoHandleRegistry(database, eventStore, clock);
    }

    @Bean
    public LoopDirectory loopDirectory(MongoDatabase database) {
        return new MongoLoopDirectory(database);
    }
}
