package io.openloop.ledger.messages.task;

/**
 * The outcome of checking a task request against the business's task policy, made before the request is recorded so
 * that the events record why a request was rejected.
 *
 * @param code null when accepted; otherwise {@code TASK_NOT_ACCEPTED}, {@code TRUST_TOO_LOW} or {@code
 *     INPUT_NOT_ACCEPTED}
 * @param reason a sentence naming what the request broke; null when accepted
 * @param policyVersion the version of the task policy applied, 0 when none was set
 */
public record TaskPolicyDecision(boolean accepted, String code, String reason, long policyVersion) {

    public static final String TASK_NOT_ACCEPTED = "TASK_NOT_ACCEPTED";
    public static final String TRUST_TOO_LOW = "TRUST_TOO_LOW";
    public static final String INPUT_NOT_ACCEPTED = "INPUT_NOT_ACCEPTED";

    public static TaskPolicyDecision accept(long policyVersion) {
        return new TaskPolicyDecision(true, null, null, policyVersion);
    }

    public static TaskPolicyDecision reject(String code, String reason, long policyVersion) {
        return new TaskPolicyDecision(false, code, reason, policyVersion);
    }
}
