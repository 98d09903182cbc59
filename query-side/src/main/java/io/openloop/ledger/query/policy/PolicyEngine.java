package io.openloop.ledger.query.policy;

import static io.openloop.ledger.query.policy.PolicyReasonCodes.ACTION_DENIED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.APPROVAL_RULE_MATCHED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.AUTOPILOT_WITHIN_LIMITS;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.CREDIT_CAP_EXCEEDED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.CRITICAL_RISK_IN_AUTOPILOT;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.DOMAIN_DENIED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.GUIDED_LOW_RISK;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.RISK_ABOVE_PLAN_LIMIT;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.RISK_REQUIRES_APPROVAL;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.SANDBOX_SIMULATED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.TOOL_CATEGORY_DENIED;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.TOOL_REQUIRES_APPROVAL;
import static io.openloop.ledger.query.policy.PolicyReasonCodes.TRUST_BELOW_THRESHOLD;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a step may run, from facts gathered beforehand; it reads nothing and changes nothing. The rules,
 * applied in this order, with the whole table in {@code docs/policy.md}:
 *
 * <ol>
 *   <li>sandbox: ALLOW, because nothing real happens;
 *   <li>live modes: a denied domain, tool category or action, or an estimate above a credit cap, in the policy of the
 *       loop or of any ancestor: DENY;
 *   <li>autopilot: critical risk, risk above the top-level plan's limit, or trust below 60 at medium and 80 at high
 *       risk: DENY;
 *   <li>guided: risk above low or a tool that requires approval; both modes: a matching approval rule of the loop or
 *       any ancestor: REQUIRE_APPROVAL;
 *   <li>otherwise ALLOW.
 * </ol>
 *
 * Every matching rule of the deciding kind is listed, so a caller sees all it must change.
 */
final class PolicyEngine {

    static final int TRUST_FOR_MEDIUM_RISK = 60;
    static final int TRUST_FOR_HIGH_RISK = 80;

    private PolicyEngine() {}

    static PolicyEvaluation evaluate(PolicyInput input) {
        if (!input.mode().isLive()) {
            return decided(
                    PolicyDecision.ALLOW,
                    List.of(new PolicyReason(SANDBOX_SIMULATED, "sandbox runs are simulated; nothing real happens")),
                    input);
        }

        List<PolicyReason> denials = new ArrayList<>();
        addPolicyDenials(input, denials);
        if (input.mode() == ExecutionMode.AUTOPILOT) {
            addAutopilotDenials(input, denials);
        }
        if (!denials.isEmpty()) {
            return decided(PolicyDecision.DENY, denials, input);
        }

        List<PolicyReason> approvals = new ArrayList<>();
        if (input.mode() == ExecutionMode.GUIDED) {
            addGuidedApprovals(input, approvals);
        }
        addApprovalRules(input, approvals);
        if (!approvals.isEmpty()) {
            return decided(PolicyDecision.REQUIRE_APPROVAL, approvals, input);
        }

        PolicyReason allowed = input.mode() == ExecutionMode.GUIDED
                ? new PolicyReason(GUIDED_LOW_RISK, "guided mode runs low-risk steps without approval")
                : new PolicyReason(
                        AUTOPILOT_WITHIN_LIMITS,
                        "risk " + input.riskLevel().wireName() + " is within plan "
                                + input.plan().wireName() + ", trust score " + input.trustScore()
                                + " and every policy in the loop's chain");
        return decided(PolicyDecision.ALLOW, List.of(allowed), input);
    }

    private static void addPolicyDenials(PolicyInput input, List<PolicyReason> denials) {
        PolicyInput.ToolFacts tool = input.tool();
        for (PolicyInput.LoopPolicyOf entry : input.policies()) {
            String owner = "the policy of loop " + entry.loopId();
            if (entry.policy().deniedDomains().contains(input.domain())) {
                denials.add(new PolicyReason(DOMAIN_DENIED, "domain " + input.domain() + " is denied by " + owner));
            }
            if (tool != null
                    && tool.category() != null
                    && !tool.category().equals(input.domain())
                    && entry.policy().deniedDomains().contains(tool.category())) {
                denials.add(new PolicyReason(
                        TOOL_CATEGORY_DENIED,
                        "tool " + tool.toolName() + " acts in domain " + tool.category() + ", which is denied by "
                                + owner));
            }
            if (entry.policy().deniedActions().contains(input.action())) {
                denials.add(new PolicyReason(ACTION_DENIED, "action " + input.action() + " is denied by " + owner));
            }
            Long cap = entry.policy().maxCreditsPerInvocation();
            if (cap != null && input.estimate() != null && input.estimate() > cap) {
                denials.add(new PolicyReason(
                        CREDIT_CAP_EXCEEDED,
                        "estimate of " + input.estimate() + " credits is above the cap of " + cap
                                + " credits per invocation set by " + owner));
            }
        }
    }

    private static void addAutopilotDenials(PolicyInput input, List<PolicyReason> denials) {
        RiskLevel risk = input.riskLevel();
        if (risk == RiskLevel.CRITICAL) {
            denials.add(new PolicyReason(
                    CRITICAL_RISK_IN_AUTOPILOT, "critical risk never runs in autopilot; run it in guided mode"));
            return;
        }
        RiskLevel limit = autopilotLimit(input.plan());
        if (limit == null || !limit.atLeast(risk)) {
            String allowed = limit == null ? "no autopilot" : "autopilot up to " + limit.wireName() + " risk";
            denials.add(new PolicyReason(
                    RISK_ABOVE_PLAN_LIMIT,
                    "plan " + input.plan().wireName() + " allows " + allowed + ", and the step is " + risk.wireName()
                            + " risk; run it in guided mode or upgrade the plan"));
        }
        int required = requiredTrust(risk);
        if (input.trustScore() < required) {
            denials.add(new PolicyReason(
                    TRUST_BELOW_THRESHOLD,
                    "trust score " + input.trustScore() + " is below the " + required + " that autopilot needs at "
                            + risk.wireName() + " risk; this is a denial, not a request for approval, so run the step"
                            + " in guided mode instead"));
        }
    }

    private static void addGuidedApprovals(PolicyInput input, List<PolicyReason> approvals) {
        if (input.riskLevel() != RiskLevel.LOW) {
            approvals.add(new PolicyReason(
                    RISK_REQUIRES_APPROVAL,
                    "guided mode asks the owner to approve steps above low risk, and the step is "
                            + input.riskLevel().wireName() + " risk"));
        }
        if (input.tool() != null && input.tool().requiresApprovalDefault()) {
            approvals.add(new PolicyReason(
                    TOOL_REQUIRES_APPROVAL,
                    "tool " + input.tool().toolName() + " requires the owner's approval by default"));
        }
    }

    private static void addApprovalRules(PolicyInput input, List<PolicyReason> approvals) {
        for (PolicyInput.LoopPolicyOf entry : input.policies()) {
            for (ApprovalRule rule : entry.policy().approvalRules()) {
                if (matches(rule, input)) {
                    approvals.add(new PolicyReason(
                            APPROVAL_RULE_MATCHED,
                            "an approval rule of loop " + entry.loopId() + " matches (domain "
                                    + orAny(rule.domain()) + ", action " + orAny(rule.action()) + ", risk "
                                    + (rule.minRiskLevel() == null
                                            ? "any"
                                            : rule.minRiskLevel().wireName() + " or above")
                                    + ")"));
                }
            }
        }
    }

    private static boolean matches(ApprovalRule rule, PolicyInput input) {
        boolean domain = rule.domain() == null
                || rule.domain().equals(input.domain())
                || (input.tool() != null && rule.domain().equals(input.tool().category()));
        boolean action = rule.action() == null || rule.action().equals(input.action());
        boolean risk = rule.minRiskLevel() == null || input.riskLevel().atLeast(rule.minRiskLevel());
        return domain && action && risk;
    }

    /** Returns the highest risk a plan runs in autopilot, or null when it allows no autopilot. */
    static RiskLevel autopilotLimit(Plan plan) {
        return switch (plan) {
            case FREE -> null;
            case PRO -> RiskLevel.MEDIUM;
            case ENTERPRISE -> RiskLevel.HIGH;
        };
    }

    private static int requiredTrust(RiskLevel risk) {
        return switch (risk) {
            case LOW -> 0;
            case MEDIUM -> TRUST_FOR_MEDIUM_RISK;
            case HIGH, CRITICAL -> TRUST_FOR_HIGH_RISK;
        };
    }

    private static String orAny(String value) {
        return value == null ? "any" : value;
    }

    private static PolicyEvaluation decided(PolicyDecision decision, List<PolicyReason> reasons, PolicyInput input) {
        return new PolicyEvaluation(decision, reasons, input.policyVersion(), input.trustScore());
    }
}
