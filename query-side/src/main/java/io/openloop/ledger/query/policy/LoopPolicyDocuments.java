package io.openloop.ledger.query.policy;

import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.LoopPolicyView;
import java.util.LinkedHashSet;
import java.util.List;
import org.bson.Document;

/** Reads documents of the {@code loop_policies} read model into policies and views. */
final class LoopPolicyDocuments {

    private LoopPolicyDocuments() {}

    /** Returns the view of {@code loopId}'s policy; a missing document means no policy was set. */
    static LoopPolicyView toView(String loopId, Document document) {
        if (document == null) {
            return new LoopPolicyView(loopId, LoopPolicy.none(), 0, null);
        }
        return new LoopPolicyView(
                loopId,
                toPolicy(document),
                document.get("policyVersion", Number.class).longValue(),
                document.getDate("changedAt").toInstant());
    }

    static LoopPolicy toPolicy(Document document) {
        List<ApprovalRule> rules = document.getList("approvalRules", Document.class).stream()
                .map(rule -> new ApprovalRule(
                        rule.getString("domain"),
                        rule.getString("action"),
                        RiskLevel.fromWireName(rule.getString("minRiskLevel"))))
                .toList();
        Number cap = document.get("maxCreditsPerInvocation", Number.class);
        return new LoopPolicy(
                new LinkedHashSet<>(document.getList("deniedDomains", String.class)),
                new LinkedHashSet<>(document.getList("deniedActions", String.class)),
                rules,
                cap == null ? null : cap.longValue());
    }
}
