package io.openloop.ledger.query.policy;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.policy.EvaluatePolicyQuery;
import io.openloop.ledger.messages.policy.FindLoopPolicyQuery;
import io.openloop.ledger.messages.policy.LoopPolicyView;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.tool.ToolVersionView;
import io.openloop.ledger.projection.loop.LoopReadModels;
import io.openloop.ledger.projection.policy.LoopPolicyReadModels;
import io.openloop.ledger.query.tool.ToolReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Handles policy queries: reads the loop, its ancestors, their policies and the named tool from the read models, then
 * lets the {@link PolicyEngine} decide.
 */
@Component
class PolicyQueryHandler {

    private final MongoCollection<Document> loops;
    private final MongoCollection<Document> policies;
    private final ToolReader tools;
    private final TrustScores trust;

    PolicyQueryHandler(MongoDatabase database, ToolReader tools, TrustScores trust) {
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.policies = database.getCollection(LoopPolicyReadModels.LOOP_POLICIES);
        this.tools = tools;
        this.trust = trust;
    }

    @QueryHandler
    LoopPolicyView handle(FindLoopPolicyQuery query) {
        Document document = policies.find(Filters.eq("_id", query.loopId())).first();
        return LoopPolicyDocuments.toView(query.loopId(), document);
    }

    @QueryHandler
    PolicyEvaluation handle(EvaluatePolicyQuery query) {
        Document loop = loops.find(Filters.eq("_id", query.loopId())).first();
        if (loop == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND, "loop " + query.loopId() + " not found", Map.of("loopId", query.loopId()));
        }
        List<String> chain = new ArrayList<>(loop.getList("ancestors", String.class, List.of()));
        chain.add(query.loopId());

        PolicyInput.ToolFacts tool = null;
        Long estimate = query.estimate();
        if (query.toolName() != null) {
            ToolVersionView version = tools.findVersion(query.toolName(), null, query.loopId());
            tool = new PolicyInput.ToolFacts(
                    version.toolName(),
                    version.manifest().category(),
                    version.manifest().requiresApprovalDefault());
            if (estimate == null) {
                estimate = version.manifest().price();
            }
        }

        Map<String, Document> stored = new HashMap<>();
        for (Document policy : policies.find(Filters.in("_id", chain))) {
            stored.put(policy.getString("_id"), policy);
        }
        List<PolicyInput.LoopPolicyOf> chainPolicies = new ArrayList<>();
        for (String loopId : chain) {
            Document policy = stored.get(loopId);
            if (policy != null) {
                chainPolicies.add(new PolicyInput.LoopPolicyOf(loopId, LoopPolicyDocuments.toPolicy(policy)));
            }
        }
        Document own = stored.get(query.loopId());
        long policyVersion =
                own == null ? 0 : own.get("policyVersion", Number.class).longValue();

        PolicyInput input = new PolicyInput(
                query.executionMode(),
                query.domain(),
                query.action(),
                query.riskLevel(),
                tool,
                estimate,
                chainPolicies,
                policyVersion,
                topLevelPlan(loop, chain.get(0)),
                trust.scoreOf(query.loopId()));
        return PolicyEngine.evaluate(input);
    }

    /** Returns the plan of the loop's top-level ancestor, or of the loop itself when it is top-level. */
    private Plan topLevelPlan(Document loop, String topLevelId) {
        Document topLevel = topLevelId.equals(loop.getString("_id"))
                ? loop
                : loops.find(Filters.eq("_id", topLevelId)).first();
        Document source = topLevel == null ? loop : topLevel;
        Plan plan = Plan.fromWireName(source.getString("plan"));
        return plan == null ? Plan.FREE : plan;
    }
}
