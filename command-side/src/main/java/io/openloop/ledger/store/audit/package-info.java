/**
 * Audit of the event store: the global digest over the event order and its checkpoints, verification of stored and
 * exported trails, and the line format of an export. See {@code docs/audit.md}.
 */
package io.openloop.ledger.store.audit;
