/** Loops: the identities that act on the platform, their handles, kinds and plans. */
package io.openloop.ledger.messages.loop;
