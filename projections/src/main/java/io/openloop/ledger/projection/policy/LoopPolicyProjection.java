package io.openloop.ledger.projection.policy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.LoopPolicyChangedEvent;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code loop_policies} read model. A loop's events arrive in order on one segment, and a document is only
 * replaced by a higher policy version, so a redelivered event or a replay over existing documents changes nothing.
 */
@Component
@ProcessingGroup(LoopPolicyProjection.PROCESSING_GROUP)
class LoopPolicyProjection {

    static final String PROCESSING_GROUP = "loop-policies";

    private static final Logger log = LoggerFactory.getLogger(LoopPolicyProjection.class);

    private final MongoCollection<Document> policies;

    LoopPolicyProjection(MongoDatabase database) {
        this.policies = database.getCollection(LoopPolicyReadModels.LOOP_POLICIES);
    }

    @EventHandler
    void on(LoopPolicyChangedEvent event) {
        Document stored = policies.find(Filters.eq("_id", event.loopId())).first();
        if (stored != null && stored.get("policyVersion", Number.class).longValue() >= event.policyVersion()) {
            return;
        }
        LoopPolicy policy = event.policy();
        List<Document> rules =
                policy.approvalRules().stream().map(LoopPolicyProjection::rule).toList();
        Document document = new Document("_id", event.loopId())
                .append("policyVersion", event.policyVersion())
                .append(
                        "deniedDomains",
                        policy.deniedDomains().stream().sorted().toList())
                .append(
                        "deniedActions",
                        policy.deniedActions().stream().sorted().toList())
                .append("approvalRules", rules)
                .append("maxCreditsPerInvocation", policy.maxCreditsPerInvocation())
                .append("changedAt", Date.from(event.changedAt()));

        policies.replaceOne(Filters.eq("_id", event.loopId()), document, new ReplaceOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", LoopPolicyReadModels.LOOP_POLICIES);
        policies.deleteMany(new Document());
    }

    private static Document rule(ApprovalRule rule) {
        return new Document("domain", rule.domain())
                .append("action", rule.action())
                .append(
                        "minRiskLevel",
                        rule.minRiskLevel() == null ? null : rule.minRiskLevel().wireName());
    }
}
