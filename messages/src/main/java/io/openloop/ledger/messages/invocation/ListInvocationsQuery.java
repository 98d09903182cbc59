package io.openloop.ledger.messages.invocation;

import io.openloop.ledger.messages.ExecutionMode;
import java.util.List;

/**
 * Lists invocations of the given loops, sorted by invocation id. Returns a {@code Page<InvocationView>} whose cursor
 * is the last invocation id of the page.
 *
 * @param loopIds the invoking loops to include; null for every loop, which only operator routes may send
 * @param toolName only invocations of this tool, or null for any
 * @param status only invocations in this state, or null for any
 * @param mode only invocations in this execution mode, or null for any
 * @param after the last invocation id of the previous page, or null for the first page
 * @param limit entries per page, 1 to 200
 */
public record ListInvocationsQuery(
        List<String> loopIds, String toolName, InvocationStatus status, ExecutionMode mode, String after, int limit) {

    public ListInvocationsQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
