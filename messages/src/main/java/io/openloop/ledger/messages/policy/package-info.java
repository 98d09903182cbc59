/** Policy: each loop's own rules and the decisions that gate actions by mode, plan, risk and trust. */
package io.openloop.ledger.messages.policy;
