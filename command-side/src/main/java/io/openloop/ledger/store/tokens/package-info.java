/**
 * Axon token store on the MongoDB Java driver: segment claims shared by several nodes through one database, each claim
 * a single-document atomic update.
 */
package io.openloop.ledger.store.tokens;
