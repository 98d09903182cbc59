package io.openloop.ledger.query.policy;

/** The stable codes of policy reasons; clients branch on these, never on the message. */
final class PolicyReasonCodes {

    /** Sandbox: the step is simulated, so it is allowed. */
    static final String SANDBOX_SIMULATED = "SANDBOX_SIMULATED";

    /** A policy of the loop or an ancestor denies the step's domain. */
    static final String DOMAIN_DENIED = "DOMAIN_DENIED";

    /** A policy of the loop or an ancestor denies the domain that the named tool's category is in. */
    static final String TOOL_CATEGORY_DENIED = "TOOL_CATEGORY_DENIED";

    /** A policy of the loop or an ancestor denies the step's action. */
    static final String ACTION_DENIED = "ACTION_DENIED";

    /** The estimate is above the per-invocation credit cap of the loop or an ancestor. */
    static final String CREDIT_CAP_EXCEEDED = "CREDIT_CAP_EXCEEDED";

    /** Autopilot never runs critical risk. */
    static final String CRITICAL_RISK_IN_AUTOPILOT = "CRITICAL_RISK_IN_AUTOPILOT";

    /** Autopilot: the risk is above what the top-level loop's plan allows. */
    static final String RISK_ABOVE_PLAN_LIMIT = "RISK_ABOVE_PLAN_LIMIT";

    /** Autopilot: the loop's trust score is below the threshold for the risk. */
    static final String TRUST_BELOW_THRESHOLD = "TRUST_BELOW_THRESHOLD";

    /** Guided: the risk is above low, so the owner approves the step. */
    static final String RISK_REQUIRES_APPROVAL = "RISK_REQUIRES_APPROVAL";

    /** Guided: the named tool requires approval by default. */
    static final String TOOL_REQUIRES_APPROVAL = "TOOL_REQUIRES_APPROVAL";

    /** An approval rule of the loop or an ancestor matches the step. */
    static final String APPROVAL_RULE_MATCHED = "APPROVAL_RULE_MATCHED";

    /** Guided: low risk, and no tool or rule requires approval. */
    static final String GUIDED_LOW_RISK = "GUIDED_LOW_RISK";

    /** Autopilot: within plan, risk, trust and policy. */
    static final String AUTOPILOT_WITHIN_LIMITS = "AUTOPILOT_WITHIN_LIMITS";

    private PolicyReasonCodes() {}
}
