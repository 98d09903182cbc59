package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Issues a scoped key for a loop. The scopes must be within the loop's effective permissions; a key id already used
 * by the loop is rejected.
 */
public record IssueApiKeyCommand(@TargetAggregateIdentifier String loopId, NewApiKey key) {}
