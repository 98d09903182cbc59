package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/** The stores and processors a replay reads and controls. */
record ReplayContext(
        MongoDatabase database,
        EventStorageEngine engine,
        StoredEventReader reader,
        TokenStore tokenStore,
        EventProcessingConfiguration processing,
        ReplayRecords records,
        Clock clock) {}
