package io.openloop.ledger.projection.task;

/**
 * Names of the collections the task projection writes, for the query side that reads them.
 *
 * <ul>
 *   <li>{@value #TASKS}: one document per task, {@code _id} the task id, with the fields of a {@code TaskView}. {@code
 *       offer} and {@code contract} are subdocuments or null; the contract has {@code offerId}, {@code price}, {@code
 *       terms}, {@code deadline}, {@code holdId}, {@code acceptedAt}, {@code amendments} and {@code pendingAmendment}.
 *       {@code policyCode} is the task policy's code when the policy rejected the request. {@code sequence} is the
 *       sequence number of the last task event applied.
 *   <li>{@value #TASK_MESSAGES}: one document per AAP message, {@code _id} the message id, with {@code taskId}, {@code
 *       sequence} (of the task event that recorded it), {@code type}, {@code fromLoopId}, {@code toLoopId}, {@code
 *       body}, {@code stateAfter} and {@code createdAt}.
 *   <li>{@value #TASK_POLICIES}: one document per business loop that set a task policy, {@code _id} the loop id, with
 *       {@code policyVersion}, {@code tasks} (a list of {@code name} and {@code inputSchema}, in the policy's order),
 *       {@code minTrustScore} and {@code changedAt}.
 * </ul>
 *
 * Enums are stored as their names and times as BSON dates. JSON values ({@code inputs}, {@code result}, a message's
 * {@code body} and an {@code inputSchema}) are stored as JSON text, because the in-process store rejects {@code
 * $}-prefixed field names inside a document and JSON Schema keywords such as {@code $ref} start with one. A message's
 * body leaves out the fields its sender left empty.
 */
public final class TaskReadModels {

    public static final String TASKS = "tasks";
    public static final String TASK_MESSAGES = "task_messages";
    public static final String TASK_POLICIES = "task_policies";

    private TaskReadModels() {}
}
