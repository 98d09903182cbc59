package io.openloop.ledger.api.aap;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.tool.JsonSchemaCheck;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.ReadModelPolling;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.task.FindTaskPolicyQuery;
import io.openloop.ledger.messages.task.SetTaskPolicyCommand;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import io.openloop.ledger.messages.task.TaskPolicyView;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that set and read the task policy of a business loop: which task requests it accepts. */
@RestController
class TaskPolicyRoutes {

    private static final Logger log = LoggerFactory.getLogger(TaskPolicyRoutes.class);

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final ReadModelPolling polling;

    TaskPolicyRoutes(Dispatcher dispatcher, LoopAccess access, ReadModelPolling polling) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.polling = polling;
    }

    /**
     * Replaces the business's task policy as a whole. Each task's {@code inputSchema} is a JSON Schema (draft
     * 2020-12) that request inputs must satisfy. Returns the policy once requests are checked against it.
     */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @PutMapping(
            path = "/api/loops/{loopId}/task-policy",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TaskPolicyView> set(
            @PathVariable String loopId,
            @RequestBody(required = false) TaskPolicyRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            TaskPolicy policy = toPolicy(Requests.requireBody(request));
            long version = dispatcher.send(new SetTaskPolicyCommand(loopId, policy), caller, exchange);
            log.info("Task policy of loop {} set to version {}", loopId, version);
            return polling.await(
                    "task policy version " + version + " of loop " + loopId,
                    () -> query(loopId),
                    view -> view.policyVersion() >= version);
        });
    }

    /** Reads the business's task policy; version 0 with no rules when none was set. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @GetMapping(path = "/api/loops/{loopId}/task-policy", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TaskPolicyView> find(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            return query(loopId);
        });
    }

    private TaskPolicyView query(String loopId) {
        return dispatcher.query(new FindTaskPolicyQuery(loopId), ResponseTypes.instanceOf(TaskPolicyView.class));
    }

    private static TaskPolicy toPolicy(TaskPolicyRequest request) {
        Map<String, TaskPolicyRule> tasks = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        if (request.tasks() != null) {
            for (Map.Entry<String, TaskRuleRequest> entry : request.tasks().entrySet()) {
                TaskRuleRequest rule = entry.getValue();
                JsonNode schema = rule == null ? null : rule.inputSchema();
                if (schema != null && !schema.isNull()) {
                    String problem = JsonSchemaCheck.problem(schema);
                    if (problem != null) {
                        String field = "tasks." + entry.getKey() + ".inputSchema";
                        problems.put(field, field + " " + problem);
                        continue;
                    }
                }
                tasks.put(entry.getKey(), new TaskPolicyRule(schema == null || schema.isNull() ? null : schema));
            }
        }
        if (!problems.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "the task policy has invalid fields: " + String.join("; ", problems.values()),
                    Map.of("fields", problems));
        }
        return new TaskPolicy(tasks, request.minTrustScore());
    }

    /**
     * Body of a task policy: the accepted kinds of task with their input constraints, and the lowest requester trust
     * score accepted. An empty body accepts every request.
     */
    record TaskPolicyRequest(Map<String, TaskRuleRequest> tasks, Integer minTrustScore) {}

    /** The constraints on one kind of task. */
    record TaskRuleRequest(JsonNode inputSchema) {}
}
