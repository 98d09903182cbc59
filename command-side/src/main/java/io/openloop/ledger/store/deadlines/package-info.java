/**
 * Axon deadline manager on the MongoDB Java driver: one document per scheduled deadline, claimed by one node at a time
 * with a conditional update and deleted once it has fired, so deadlines survive restarts and fire once per cluster.
 */
package io.openloop.ledger.store.deadlines;
