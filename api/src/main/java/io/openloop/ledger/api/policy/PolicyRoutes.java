package io.openloop.ledger.api.policy;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.tool.SandboxKeys;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.policy.EvaluatePolicyQuery;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.tool.ToolNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The route that evaluates policy for a step the caller's loop would take. */
@RestController
class PolicyRoutes {

    /** Domains and actions: 1-64 characters of {@code a-z 0-9 _}, the vocabulary of tool categories. */
    static final Pattern TERM = Pattern.compile("[a-z0-9_]{1,64}");

    private final Dispatcher dispatcher;

    PolicyRoutes(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Returns ALLOW, REQUIRE_APPROVAL or DENY with reasons and the policy version read; changes nothing. A test key
     * may only evaluate sandbox steps.
     */
    @RequiresScope(value = Scope.POLICY_EVALUATE, operator = false)
    @PostMapping(
            path = "/api/policy/evaluate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<PolicyEvaluation> evaluate(@RequestBody(required = false) EvaluateRequest request, Caller caller) {
        EvaluatePolicyQuery query = parse(Requests.requireBody(request), caller.loopId());
        SandboxKeys.requireLiveKeyFor(query.executionMode(), caller);
        return Blocking.call(() -> dispatcher.query(query, ResponseTypes.instanceOf(PolicyEvaluation.class)));
    }

    private static EvaluatePolicyQuery parse(EvaluateRequest request, String loopId) {
        Map<String, String> problems = new LinkedHashMap<>();
        ExecutionMode mode = ExecutionMode.fromWireName(request.executionMode());
        if (mode == null) {
            problems.put("executionMode", "executionMode must be \"sandbox\", \"guided\" or \"autopilot\"");
        }
        requireTerm("domain", request.domain(), problems);
        Step step = request.step();
        RiskLevel risk = null;
        if (step == null) {
            problems.put("step", "step is missing; send {\"action\": ..., \"riskLevel\": ...}");
        } else {
            requireTerm("step.action", step.action(), problems);
            risk = RiskLevel.fromWireName(step.riskLevel());
            if (risk == null) {
                problems.put("step.riskLevel", "step.riskLevel must be \"low\", \"medium\", \"high\" or \"critical\"");
            }
        }
        if (request.tool() != null
                && !ToolNames.FULL_NAME.matcher(request.tool()).matches()) {
            problems.put("tool", "tool must be a full tool name such as @acme_dev/find_dental_leads");
        }
        if (request.estimate() != null && request.estimate() < 0) {
            problems.put("estimate", "estimate must be 0 or more credits, got " + request.estimate());
        }
        if (!problems.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "the policy request has invalid fields: " + String.join("; ", problems.values()),
                    Map.of("fields", problems));
        }
        return new EvaluatePolicyQuery(
                loopId, mode, request.domain(), step.action(), risk, request.tool(), request.estimate());
    }

    private static void requireTerm(String field, String value, Map<String, String> problems) {
        if (value == null) {
            problems.put(field, field + " is missing");
        } else if (!TERM.matcher(value).matches()) {
            problems.put(field, field + " must be 1-64 characters of a-z 0-9 _, got " + EchoedValues.quoted(value));
        }
    }

    /** Body of an evaluation. */
    record EvaluateRequest(String executionMode, String domain, Step step, String tool, Long estimate) {}

    /** The step to evaluate. */
    record Step(String action, String riskLevel) {}
}
