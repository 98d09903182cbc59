package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes one of a loop's keys. Revoking an unknown or already revoked key is rejected with {@code NOT_FOUND}. */
public record RevokeApiKeyCommand(@TargetAggregateIdentifier String loopId, String keyId) {}
