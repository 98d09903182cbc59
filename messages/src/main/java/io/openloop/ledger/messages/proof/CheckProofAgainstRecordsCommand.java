package io.openloop.ledger.messages.proof;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Raises an invocation's proof to V2 once the platform found its own records agree: the invocation exists and
 * succeeded, the proof came from the tool's publisher, its {@code capturedAt} falls between the request and the
 * result, and inline {@code data} hashes to the proof's {@code sha256}. The sender made those checks against the
 * invocation's events and names what it compared in {@code detail}. Rejected with {@code INVALID_STATE} for a task's
 * proof.
 */
public record CheckProofAgainstRecordsCommand(
        @TargetAggregateIdentifier String proofId, String detail) {}
