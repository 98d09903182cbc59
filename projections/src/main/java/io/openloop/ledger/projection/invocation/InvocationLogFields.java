package io.openloop.ledger.projection.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import io.openloop.ledger.projection.JsonText;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Converts event values into the stored form of the invocation log's fields. */
final class InvocationLogFields {

    private InvocationLogFields() {}

    /** Returns the fields of a final state, with the time from request to that state. */
    static Document completed(Document stored, InvocationStatus status, Instant at) {
        Date requestedAt = stored.getDate("requestedAt");
        Long durationMs = requestedAt == null ? null : at.toEpochMilli() - requestedAt.getTime();
        return new Document("status", status.name())
                .append("completedAt", date(at))
                .append("durationMs", durationMs);
    }

    static Document policy(PolicyEvaluation policy) {
        if (policy == null) {
            return null;
        }
        List<Document> reasons =
                policy.reasons().stream().map(InvocationLogFields::reason).toList();
        return new Document("decision", policy.decision().name())
                .append("reasons", reasons)
                .append("policyVersion", policy.policyVersion())
                .append("trustScore", policy.trustScore());
    }

    static Document reason(PolicyReason reason) {
        return new Document("code", reason.code()).append("message", reason.message());
    }

    static String riskLevel(RiskLevel level) {
        return level == null ? null : level.wireName();
    }

    static String json(JsonNode node) {
        return JsonText.write(node);
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
