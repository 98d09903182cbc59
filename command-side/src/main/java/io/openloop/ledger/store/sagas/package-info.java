/**
 * Axon saga store on the MongoDB Java driver: saga documents plus an association index keyed by {@code _id}, written in
 * an order that leaves only skippable entries after a crash.
 */
package io.openloop.ledger.store.sagas;
