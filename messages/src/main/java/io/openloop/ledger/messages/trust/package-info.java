/** Trust scores: how a loop's outcomes and their verification make a 0-100 score that policy reads. */
package io.openloop.ledger.messages.trust;
