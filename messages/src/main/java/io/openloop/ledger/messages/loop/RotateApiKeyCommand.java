package io.openloop.ledger.messages.loop;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a key with a new secret of the same scopes and mode: the new key is issued and the old one revoked in one
 * step. The replacement's scopes and mode are taken from the old key.
 */
public record RotateApiKeyCommand(@TargetAggregateIdentifier String loopId, String keyId, NewApiKey replacement) {}
