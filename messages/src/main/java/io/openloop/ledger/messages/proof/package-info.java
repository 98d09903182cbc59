/** Proofs: evidence attached to outcomes, and the verification level each has reached. */
package io.openloop.ledger.messages.proof;
