package io.openloop.ledger.api.aap;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import io.openloop.ledger.api.tool.ToolSchemaRegistry;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.messages.task.FindTaskPolicyQuery;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyDecision;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskPolicyView;
import io.openloop.ledger.query.policy.TrustScores;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a task request against the business's task policy: the kind of task, the requester's trust score and the
 * kind's input schema. The decision is recorded with the request, so a rejection and its reason are part of the
 * audit trail.
 */
@Component
class TaskPolicyCheck {

    private static final Logger log = LoggerFactory.getLogger(TaskPolicyCheck.class);

    private final Dispatcher dispatcher;
    private final TrustScores trust;
    private final SchemaRegistry registry = ToolSchemaRegistry.create();

    /** Compiled input schemas by business, policy version and task; a policy version never changes. */
    private final Cache<String, Schema> compiled =
            Caffeine.newBuilder().maximumSize(10_000).build();

    TaskPolicyCheck(Dispatcher dispatcher, TrustScores trust) {
        this.dispatcher = dispatcher;
        this.trust = trust;
    }

    TaskPolicyDecision evaluate(String businessLoopId, String requesterLoopId, String task, JsonNode inputs) {
        TaskPolicyView view = dispatcher.query(
                new FindTaskPolicyQuery(businessLoopId), ResponseTypes.instanceOf(TaskPolicyView.class));
        TaskPolicy policy = view.policy() == null ? TaskPolicy.none() : view.policy();
        long version = view.policyVersion();

        if (!policy.tasks().isEmpty() && !policy.tasks().containsKey(task)) {
            return TaskPolicyDecision.reject(
                    TaskPolicyDecision.TASK_NOT_ACCEPTED,
                    "the business does not accept " + task + " tasks; it accepts "
                            + policy.tasks().keySet(),
                    version);
        }
        Integer minimum = policy.minTrustScore();
        if (minimum != null) {
            int score = trust.scoreOf(requesterLoopId);
            if (score < minimum) {
                return TaskPolicyDecision.reject(
                        TaskPolicyDecision.TRUST_TOO_LOW,
                        "the requester's trust score " + score + " is below the business's minimum of " + minimum,
                        version);
            }
        }
        TaskPolicyRule rule = policy.tasks().get(task);
        if (rule != null && rule.inputSchema() != null && !rule.inputSchema().isNull()) {
            String problem = inputProblem(businessLoopId, version, task, rule.inputSchema(), inputs);
            if (problem != null) {
                return TaskPolicyDecision.reject(TaskPolicyDecision.INPUT_NOT_ACCEPTED, problem, version);
            }
        }
        return TaskPolicyDecision.accept(version);
    }

    /** Returns why {@code inputs} break the schema, or null when they satisfy it. */
    private String inputProblem(String businessLoopId, long version, String task, JsonNode schema, JsonNode inputs) {
        List<Error> errors;
        try {
            Schema compiledSchema =
                    compiled.get(businessLoopId + "@" + version + "#" + task, key -> registry.getSchema(schema));
            errors = compiledSchema.validate(inputs);
        } catch (StackOverflowError | RuntimeException e) {
            // The schema was checked when the policy was set; one that still fails cannot be met by any request.
            log.warn(
                    "The input schema for {} tasks of business {} (policy version {}) cannot be evaluated: {}",
                    task,
                    businessLoopId,
                    version,
                    EchoedValues.excerpt(e.toString()));
            return "the business's input constraints for " + task + " cannot be evaluated";
        }
        if (errors.isEmpty()) {
            return null;
        }
        Error first = errors.get(0);
        String location = first.getInstanceLocation() == null
                ? ""
                : first.getInstanceLocation().toString();
        return "inputs" + location.replaceFirst("^\\$", "") + " is not accepted by the business: "
                + EchoedValues.excerpt(first.getMessage());
    }
}
