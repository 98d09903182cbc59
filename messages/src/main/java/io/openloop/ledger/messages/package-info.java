/** Commands, events, queries and value types: the contract between the ledger's modules and its clients. */
package io.openloop.ledger.messages;
