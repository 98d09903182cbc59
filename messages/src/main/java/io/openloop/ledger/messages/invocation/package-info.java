/** Invocations: single runs of a tool version, from the policy decision through the hold to the result. */
package io.openloop.ledger.messages.invocation;
