/** Scopes, key modes and the audit metadata that record who may do what and who did it. */
package io.openloop.ledger.messages.auth;
