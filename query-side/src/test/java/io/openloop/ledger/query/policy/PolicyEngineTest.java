package io.openloop.ledger.query.policy;

import static io.openloop.ledger.messages.ExecutionMode.AUTOPILOT;
import static io.openloop.ledger.messages.ExecutionMode.GUIDED;
import static io.openloop.ledger.messages.ExecutionMode.SANDBOX;
import static io.openloop.ledger.messages.RiskLevel.CRITICAL;
import static io.openloop.ledger.messages.RiskLevel.HIGH;
import static io.openloop.ledger.messages.RiskLevel.LOW;
import static io.openloop.ledger.messages.RiskLevel.MEDIUM;
import static io.openloop.ledger.messages.loop.Plan.ENTERPRISE;
import static io.openloop.ledger.messages.loop.Plan.FREE;
import static io.openloop.ledger.messages.loop.Plan.PRO;
import static io.openloop.ledger.messages.policy.PolicyDecision.ALLOW;
import static io.openloop.ledger.messages.policy.PolicyDecision.DENY;
import static io.openloop.ledger.messages.policy.PolicyDecision.REQUIRE_APPROVAL;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule of the decision table in docs/policy.md. */
class PolicyEngineTest {

    static final String PARENT = "loop_parent";
    static final String CHILD = "loop_child";
    static final String DOMAIN = "sales_revenue_ops";
    static final String ACTION = "find_leads";

    static final LoopPolicy NONE = LoopPolicy.none();
    static final PolicyInput.ToolFacts PLAIN_TOOL =
            new PolicyInput.ToolFacts("@acme_dev/find_dental_leads", DOMAIN, false);
    static final PolicyInput.ToolFacts APPROVAL_TOOL =
            new PolicyInput.ToolFacts("@acme_dev/send_email", "outreach", true);

    /** A row of the table: the facts and the expected decision and deciding reason code. */
    record Row(
            String name,
            ExecutionMode mode,
            RiskLevel risk,
            Plan plan,
            int trust,
            PolicyInput.ToolFacts tool,
            Long estimate,
            LoopPolicy parentPolicy,
            LoopPolicy childPolicy,
            PolicyDecision decision,
            String code) {

        PolicyInput input() {
            return new PolicyInput(
                    mode,
                    DOMAIN,
                    ACTION,
                    risk,
                    tool,
                    estimate,
                    List.of(
                            new PolicyInput.LoopPolicyOf(PARENT, parentPolicy),
                            new PolicyInput.LoopPolicyOf(CHILD, childPolicy)),
                    3,
                    plan,
                    trust);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static LoopPolicy denyDomains(String... domains) {
        return new LoopPolicy(Set.of(domains), Set.of(), List.of(), null);
    }

    static LoopPolicy denyActions(String... actions) {
        return new LoopPolicy(Set.of(), Set.of(actions), List.of(), null);
    }

    static LoopPolicy cap(long credits) {
        return new LoopPolicy(Set.of(), Set.of(), List.of(), credits);
    }

    static LoopPolicy rule(String domain, String action, RiskLevel minRisk) {
        return new LoopPolicy(Set.of(), Set.of(), List.of(new ApprovalRule(domain, action, minRisk)), null);
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                        new Row(
                                "sandbox allows even critical",
                                SANDBOX,
                                CRITICAL,
                                FREE,
                                0,
                                null,
                                null,
                                denyDomains(DOMAIN),
                                NONE,
                                ALLOW,
                                "SANDBOX_SIMULATED"),
                        new Row(
                                "own denied domain",
                                GUIDED,
                                LOW,
                                PRO,
                                50,
                                null,
                                null,
                                NONE,
                                denyDomains(DOMAIN),
                                DENY,
                                "DOMAIN_DENIED"),
                        new Row(
                                "parent's denied domain binds child",
                                AUTOPILOT,
                                LOW,
                                PRO,
                                90,
                                null,
                                null,
                                denyDomains(DOMAIN),
                                NONE,
                                DENY,
                                "DOMAIN_DENIED"),
                        new Row(
                                "denied tool category",
                                GUIDED,
                                LOW,
                                PRO,
                                50,
                                APPROVAL_TOOL,
                                null,
                                denyDomains("outreach"),
                                NONE,
                                DENY,
                                "TOOL_CATEGORY_DENIED"),
                        new Row(
                                "denied action",
                                GUIDED,
                                LOW,
                                PRO,
                                50,
                                null,
                                null,
                                NONE,
                                denyActions(ACTION),
                                DENY,
                                "ACTION_DENIED"),
                        new Row(
                                "estimate above cap",
                                GUIDED,
                                LOW,
                                PRO,
                                50,
                                null,
                                101L,
                                cap(100),
                                NONE,
                                DENY,
                                "CREDIT_CAP_EXCEEDED"),
                        new Row(
                                "estimate at cap",
                                GUIDED,
                                LOW,
                                PRO,
                                50,
                                null,
                                100L,
                                cap(100),
                                NONE,
                                ALLOW,
                                "GUIDED_LOW_RISK"),
                        new Row(
                                "guided low risk",
                                GUIDED,
                                LOW,
                                FREE,
                                50,
                                PLAIN_TOOL,
                                null,
                                NONE,
                                NONE,
                                ALLOW,
                                "GUIDED_LOW_RISK"),
                        new Row(
                                "guided medium risk",
                                GUIDED,
                                MEDIUM,
                                FREE,
                                50,
                                null,
                                null,
                                NONE,
                                NONE,
                                REQUIRE_APPROVAL,
                                "RISK_REQUIRES_APPROVAL"),
                        new Row(
                                "guided critical risk",
                                GUIDED,
                                CRITICAL,
                                FREE,
                                50,
                                null,
                                null,
                                NONE,
                                NONE,
                                REQUIRE_APPROVAL,
                                "RISK_REQUIRES_APPROVAL"),
                        new Row(
                                "guided tool requires approval",
                                GUIDED,
                                LOW,
                                FREE,
                                50,
                                APPROVAL_TOOL,
                                null,
                                NONE,
                                NONE,
                                REQUIRE_APPROVAL,
                                "TOOL_REQUIRES_APPROVAL"),
                        new Row(
                                "guided approval rule",
                                GUIDED,
                                LOW,
                                FREE,
                                50,
                                null,
                                null,
                                NONE,
                                rule(DOMAIN, null, null),
                                REQUIRE_APPROVAL,
                                "APPROVAL_RULE_MATCHED"),
                        new Row(
                                "approval rule below its risk",
                                GUIDED,
                                LOW,
                                FREE,
                                50,
                                null,
                                null,
                                NONE,
                                rule(null, ACTION, MEDIUM),
                                ALLOW,
                                "GUIDED_LOW_RISK"),
                        new Row(
                                "autopilot critical",
                                AUTOPILOT,
                                CRITICAL,
                                ENTERPRISE,
                                100,
                                null,
                                null,
                                NONE,
                                NONE,
                                DENY,
                                "CRITICAL_RISK_IN_AUTOPILOT"),
                        new Row(
                                "autopilot on free plan",
                                AUTOPILOT,
                                LOW,
                                FREE,
                                100,
                                null,
                                null,
                                NONE,
                                NONE,
                                DENY,
                                "RISK_ABOVE_PLAN_LIMIT"),
                        new Row(
                                "autopilot high on pro",
                                AUTOPILOT,
                                HIGH,
                                PRO,
                                100,
                                null,
                                null,
                                NONE,
                                NONE,
                                DENY,
                                "RISK_ABOVE_PLAN_LIMIT"),
                        new Row(
                                "autopilot medium trust 59",
                                AUTOPILOT,
                                MEDIUM,
                                PRO,
                                59,
                                null,
                                null,
                                NONE,
                                NONE,
                                DENY,
                                "TRUST_BELOW_THRESHOLD"),
                        new Row(
                                "autopilot medium trust 60",
                                AUTOPILOT,
                                MEDIUM,
                                PRO,
                                60,
                                null,
                                null,
                                NONE,
                                NONE,
                                ALLOW,
                                "AUTOPILOT_WITHIN_LIMITS"),
                        new Row(
                                "autopilot high trust 79",
                                AUTOPILOT,
                                HIGH,
                                ENTERPRISE,
                                79,
                                null,
                                null,
                                NONE,
                                NONE,
                                DENY,
                                "TRUST_BELOW_THRESHOLD"),
                        new Row(
                                "autopilot high trust 80",
                                AUTOPILOT,
                                HIGH,
                                ENTERPRISE,
                                80,
                                null,
                                null,
                                NONE,
                                NONE,
                                ALLOW,
                                "AUTOPILOT_WITHIN_LIMITS"),
                        new Row(
                                "autopilot low ignores trust",
                                AUTOPILOT,
                                LOW,
                                PRO,
                                0,
                                null,
                                null,
                                NONE,
                                NONE,
                                ALLOW,
                                "AUTOPILOT_WITHIN_LIMITS"),
                        new Row(
                                "autopilot parent's approval rule",
                                AUTOPILOT,
                                LOW,
                                PRO,
                                50,
                                null,
                                null,
                                rule(null, null, null),
                                NONE,
                                REQUIRE_APPROVAL,
                                "APPROVAL_RULE_MATCHED"),
                        new Row(
                                "autopilot ignores tool default",
                                AUTOPILOT,
                                LOW,
                                PRO,
                                50,
                                APPROVAL_TOOL,
                                null,
                                NONE,
                                NONE,
                                ALLOW,
                                "AUTOPILOT_WITHIN_LIMITS"),
                        new Row(
                                "denial wins over approval",
                                GUIDED,
                                HIGH,
                                PRO,
                                50,
                                null,
                                null,
                                NONE,
                                denyActions(ACTION),
                                DENY,
                                "ACTION_DENIED"))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decisionTableRow(Row row) {
        PolicyEvaluation evaluation = PolicyEngine.evaluate(row.input());

        assertThat(evaluation.decision()).as("decision").isEqualTo(row.decision());
        assertThat(evaluation.reasons()).as("reasons").isNotEmpty();
        assertThat(evaluation.reasons().get(0).code()).as("deciding reason").isEqualTo(row.code());
        assertThat(evaluation.policyVersion()).as("policy version").isEqualTo(3);
        assertThat(evaluation.trustScore()).as("trust score").isEqualTo(row.trust());
    }

    @Test
    void everyReasonOfDenialIsListed() {
        PolicyInput input = new PolicyInput(
                GUIDED,
                DOMAIN,
                ACTION,
                LOW,
                null,
                null,
                List.of(new PolicyInput.LoopPolicyOf(
                        PARENT, new LoopPolicy(Set.of(DOMAIN), Set.of(ACTION), List.of(), null))),
                1,
                PRO,
                50);

        List<String> codes = PolicyEngine.evaluate(input).reasons().stream()
                .map(PolicyReason::code)
                .toList();

        assertThat(codes).containsExactly("DOMAIN_DENIED", "ACTION_DENIED");
    }

    @Test
    void trustDenialSaysItIsNotAnApproval() {
        Row row = new Row("", AUTOPILOT, MEDIUM, PRO, 50, null, null, NONE, NONE, DENY, "TRUST_BELOW_THRESHOLD");

        PolicyReason reason = PolicyEngine.evaluate(row.input()).reasons().get(0);

        assertThat(reason.message()).contains("not a request for approval");
        assertThat(reason.message()).contains("50");
    }
}
