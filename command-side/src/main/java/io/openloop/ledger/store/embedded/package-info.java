/**
 * An in-process MongoDB-wire store on a single H2 MVStore file, used when no MongoDB URI is configured.
 *
 * <p>{@link io.openloop.ledger.store.embedded.EmbeddedMongoStore} commits every write command before its reply is
 * sent, grouping concurrent writers into shared commits, and compacts the file in the background. {@link
 * io.openloop.ledger.store.embedded.EmbeddedStoreMain} runs the store alone as a process.
 */
package io.openloop.ledger.store.embedded;
