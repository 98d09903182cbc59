package io.openloop.ledger.messages.invocation;

import java.util.List;

/**
 * Lists the invocations of the given loops that await an owner's approval, sorted by invocation id. Returns a {@code
 * Page<InvocationView>}.
 *
 * @param loopIds the invoking loops to include; null for every loop, which only operator routes may send
 * @param after the last invocation id of the previous page, or null for the first page
 * @param limit entries per page, 1 to 200
 */
public record ListApprovalsQuery(List<String> loopIds, String after, int limit) {

    public ListApprovalsQuery {
        loopIds = loopIds == null ? null : List.copyOf(loopIds);
    }
}
