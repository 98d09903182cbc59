/**
 * The Axon event storage engine on the MongoDB Java driver: {@link
 * io.openloop.ledger.store.events.MongoEventStorageEngine} stores one document per commit, hands out global positions
 * from a counter document, reads only by equality or {@code $in} on unique indexes, and chains each event's hash to the
 * previous one of its stream ({@link io.openloop.ledger.store.events.EventHashes}). The document layout is described in
 * {@code docs/event-store.md}.
 */
package io.openloop.ledger.store.events;
