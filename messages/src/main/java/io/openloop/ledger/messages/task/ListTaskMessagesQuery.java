package io.openloop.ledger.messages.task;

/**
 * Lists a task's messages in the order they were applied. Returns a {@code Page<TaskMessageView>} whose cursor is the
 * sequence of the last message of the page.
 *
 * @param afterSequence the cursor of the previous page, or null for the first page
 * @param limit entries per page, 1 to 200
 */
public record ListTaskMessagesQuery(String taskId, Long afterSequence, int limit) {}
