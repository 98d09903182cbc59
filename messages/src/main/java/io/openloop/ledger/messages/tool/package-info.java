/** Tools: versioned manifests that publishers offer and loops invoke. */
package io.openloop.ledger.messages.tool;
