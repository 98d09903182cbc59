package io.openloop.ledger.messages.invocation;

/**
 * Lists invocations of a publisher's tools, sorted by invocation id, so a provider can pull its {@code PENDING} work
 * with each invocation's input and expected proofs. Returns a {@code Page<InvocationView>}.
 *
 * @param status only invocations in this state, or null for any
 * @param toolName only invocations of this tool, or null for any
 * @param after the last invocation id of the previous page, or null for the first page
 * @param limit entries per page, 1 to 200
 */
public record ListPublisherInvocationsQuery(
        String publisherLoopId, InvocationStatus status, String toolName, String after, int limit) {}
