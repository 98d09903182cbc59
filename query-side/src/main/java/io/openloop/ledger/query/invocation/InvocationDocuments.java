package io.openloop.ledger.query.invocation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.CreditShortfall;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Reads invocation log documents into {@link InvocationView}s. */
final class InvocationDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InvocationDocuments() {}

    static InvocationView toView(Document doc) {
        String invocationId = doc.getString("_id");
        return new InvocationView(
                invocationId,
                doc.getString("loopId"),
                doc.getString("keyId"),
                doc.getString("toolId"),
                doc.getString("toolName"),
                doc.getString("version"),
                doc.getString("publisherLoopId"),
                ExecutionMode.fromWireName(doc.getString("executionMode")),
                RiskLevel.fromWireName(doc.getString("riskLevel")),
                InvocationStatus.valueOf(doc.getString("status")),
                policy(doc.get("policy", Document.class)),
                number(doc, "estimate") == null ? 0 : number(doc, "estimate"),
                number(doc, "held"),
                number(doc, "captured"),
                number(doc, "released"),
                number(doc, "charged"),
                shortfall(doc.get("shortfall", Document.class)),
                json(invocationId, doc.getString("input")),
                doc.getList("expectedProofs", String.class),
                json(invocationId, doc.getString("output")),
                doc.getString("error"),
                doc.getList("proofIds", String.class),
                doc.getString("taskId"),
                doc.getString("decidedByLoopId"),
                doc.getString("decidedByKeyId"),
                doc.getString("rejectionReason"),
                instant(doc.getDate("requestedAt")),
                instant(doc.getDate("expiresAt")),
                instant(doc.getDate("decidedAt")),
                instant(doc.getDate("completedAt")),
                number(doc, "durationMs"),
                number(doc, "sequence"));
    }

    private static PolicyEvaluation policy(Document policy) {
        if (policy == null) {
            return null;
        }
        List<PolicyReason> reasons = policy.getList("reasons", Document.class).stream()
                .map(reason -> new PolicyReason(reason.getString("code"), reason.getString("message")))
                .toList();
        return new PolicyEvaluation(
                PolicyDecision.valueOf(policy.getString("decision")),
                reasons,
                number(policy, "policyVersion"),
                policy.getInteger("trustScore", 0));
    }

    private static CreditShortfall shortfall(Document shortfall) {
        if (shortfall == null) {
            return null;
        }
        return new CreditShortfall(number(shortfall, "required"), number(shortfall, "available"));
    }

    /** Reads a whole number stored as a BSON int32 or int64. */
    private static Long number(Document doc, String field) {
        Number value = doc.get(field, Number.class);
        return value == null ? null : value.longValue();
    }

    private static JsonNode json(String invocationId, String text) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // The projection wrote this text from a JsonNode, so it is valid JSON unless the document was edited.
            throw new IllegalStateException(
                    "Invocation " + invocationId + " in the invocation log contains invalid JSON: "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
