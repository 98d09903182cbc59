package io.openloop.ledger.messages.task;

import java.time.Instant;

/**
 * Lists the messages addressed to {@code loopId}, newest first. Returns a {@code Page<TaskMessageView>} whose cursor
 * is the message id of the last entry of the page.
 *
 * @param type only messages of this type, or null for any
 * @param taskId only messages of this task, or null for any
 * @param fromLoopId only messages from this loop, or null for any
 * @param since only messages created at or after this time, or null for any
 * @param before the cursor of the previous page, or null for the first page
 * @param limit entries per page, 1 to 200
 */
public record ListInboxQuery(
        String loopId,
        TaskMessageType type,
        String taskId,
        String fromLoopId,
        Instant since,
        String before,
        int limit) {}
