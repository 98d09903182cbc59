package io.openloop.ledger.api.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditBalance;
import io.openloop.ledger.messages.credit.PlaceHoldCommand;
import io.openloop.ledger.messages.invocation.CreditShortfall;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.EvaluatePolicyQuery;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.tool.FindToolVersionQuery;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolNames;
import io.openloop.ledger.messages.tool.ToolVersionView;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Starts an invocation. The route checks the input against the tool's schema, evaluates policy and holds the
 * estimate, then records the outcome of those checks on a new Invocation, whether it was allowed or not.
 */
@RestController
class InvokeRoute {

    private static final Logger log = LoggerFactory.getLogger(InvokeRoute.class);

    private final Dispatcher dispatcher;
    private final ToolSchemas schemas;
    private final Clock clock;
    private final Duration timeout;
    private final Duration holdGrace;

    InvokeRoute(
            Dispatcher dispatcher,
            ToolSchemas schemas,
            Clock clock,
            @Value("${openloop.invocations.timeout:PT1H}") Duration timeout,
            @Value("${openloop.invocations.hold-grace:PT5M}") Duration holdGrace) {
        this.dispatcher = dispatcher;
        this.schemas = schemas;
        this.clock = clock;
        this.timeout = timeout;
        this.holdGrace = holdGrace;
    }

    /**
     * Invokes a tool version. Returns 201 with the invocation, which then awaits approval or its provider. A denied
     * invocation gets 403 {@code POLICY_DENIED} with the reasons and an uncovered one 402 {@code
     * INSUFFICIENT_CREDITS} with the amounts, after the rejected invocation is recorded.
     */
    @RequiresScope(value = Scope.TOOLS_INVOKE, operator = false)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/tools/invoke",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<InvocationStarted>> invoke(
            @RequestBody(required = false) InvokeRequest request, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            ExecutionMode mode = parseMode(request.executionMode());
            String toolName = parseToolName(request.tool());
            if (request.input() == null || request.input().isNull()) {
                throw Requests.invalid("input", "input is missing; send the tool's input as JSON");
            }
            if (request.taskId() != null && !Ids.isValid(request.taskId(), Ids.TASK)) {
                throw Requests.invalid("taskId", "taskId is not a task id");
            }
            if (mode.isLive() && caller.mode() == KeyMode.TEST) {
                throw new LedgerException(
                        ErrorCode.SANDBOX_ONLY,
                        "a test key can invoke in sandbox mode only; use a live key for " + mode.wireName(),
                        Map.of("executionMode", mode.wireName()));
            }

            ToolVersionView tool = dispatcher.query(
                    new FindToolVersionQuery(toolName, request.version(), caller.loopId()),
                    ResponseTypes.instanceOf(ToolVersionView.class));
            ToolManifest manifest = tool.manifest();
            schemas.requireValid("input", tool, manifest.inputSchema(), request.input());

            // A loop that runs its own tool would pay itself, so nothing is held or charged.
            boolean ownTool = tool.publisherLoopId().equals(caller.loopId());
            long estimate = mode.isLive() && !ownTool ? manifest.price() : 0;
            PolicyEvaluation policy = dispatcher.query(
                    new EvaluatePolicyQuery(
                            caller.loopId(),
                            mode,
                            manifest.category(),
                            manifest.name(),
                            manifest.riskLevel(),
                            tool.toolName(),
                            estimate),
                    ResponseTypes.instanceOf(PolicyEvaluation.class));

            String invocationId = Ids.newId(Ids.INVOCATION);
            Instant expiresAt = clock.instant().plus(timeout);
            Start start = new Start(invocationId, caller, tool, mode, request, policy, estimate, expiresAt);

            if (policy.decision() == PolicyDecision.DENY) {
                dispatcher.send(start.command(null, null), caller, exchange);
                log.info("Invocation {} of {} by loop {} denied by policy", invocationId, toolName, caller.loopId());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("invocationId", invocationId);
                details.put("reasons", policy.reasons());
                details.put("policyVersion", policy.policyVersion());
                throw new LedgerException(ErrorCode.POLICY_DENIED, "policy denies this invocation", details);
            }

            CreditBalance balance = null;
            if (estimate > 0) {
                balance = hold(start, expiresAt.plus(holdGrace), exchange);
            }
            dispatcher.send(start.command(balance == null ? null : invocationId, null), caller, exchange);

            InvocationStatus status = policy.decision() == PolicyDecision.REQUIRE_APPROVAL
                    ? InvocationStatus.AWAITING_APPROVAL
                    : InvocationStatus.PENDING;
            InvocationStarted body = new InvocationStarted(
                    invocationId,
                    status,
                    tool.toolName(),
                    manifest.version(),
                    mode,
                    policy,
                    estimate,
                    balance == null ? 0 : estimate,
                    expiresAt);
            ResponseEntity.BodyBuilder response =
                    ResponseEntity.created(URI.create("/api/invocations/" + invocationId));
            if (balance != null) {
                CreditHeaders.add(response, balance);
            }
            return response.body(body);
        });
    }

    /** Holds the estimate. When the account cannot cover it, records the blocked invocation and rejects with 402. */
    private CreditBalance hold(Start start, Instant holdExpiresAt, ServerWebExchange exchange) {
        String accountId = CreditAccounts.accountIdOf(start.caller().loopId());
        try {
            return dispatcher.send(
                    new PlaceHoldCommand(
                            accountId, start.invocationId(), start.estimate(), holdExpiresAt, start.invocationId()),
                    start.caller(),
                    exchange);
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.INSUFFICIENT_CREDITS) {
                throw e;
            }
            long required = number(e.details().get("required"), start.estimate());
            long available = number(e.details().get("available"), 0);
            dispatcher.send(start.command(null, new CreditShortfall(required, available)), start.caller(), exchange);
            log.info(
                    "Invocation {} by loop {} blocked: {} credits required, {} available",
                    start.invocationId(),
                    start.caller().loopId(),
                    required,
                    available);
            Map<String, Object> details = new LinkedHashMap<>(e.details());
            details.put("invocationId", start.invocationId());
            throw new LedgerException(ErrorCode.INSUFFICIENT_CREDITS, e.getMessage(), details);
        }
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number number ? number.longValue() : fallback;
    }

    private static ExecutionMode parseMode(String value) {
        if (value == null) {
            throw Requests.invalid("executionMode", "executionMode is missing; use sandbox, guided or autopilot");
        }
        ExecutionMode mode = ExecutionMode.fromWireName(value);
        if (mode == null) {
            throw Requests.invalid("executionMode", "executionMode must be sandbox, guided or autopilot");
        }
        return mode;
    }

    private static String parseToolName(String value) {
        if (value == null) {
            throw Requests.invalid("tool", "tool is missing; name it as @publisher/name");
        }
        if (!ToolNames.FULL_NAME.matcher(value).matches()) {
            throw Requests.invalid("tool", "tool must be @publisher/name in a-z, 0-9 and _");
        }
        return value;
    }

    /** The facts of one invocation request, gathered before it is recorded. */
    private record Start(
            String invocationId,
            Caller caller,
            ToolVersionView tool,
            ExecutionMode mode,
            InvokeRequest request,
            PolicyEvaluation policy,
            long estimate,
            Instant expiresAt) {

        RequestInvocationCommand command(String holdId, CreditShortfall shortfall) {
            ToolManifest manifest = tool.manifest();
            return new RequestInvocationCommand(
                    invocationId,
                    caller.loopId(),
                    caller.keyId(),
                    tool.toolId(),
                    tool.toolName(),
                    manifest.version(),
                    tool.publisherLoopId(),
                    mode,
                    manifest.riskLevel(),
                    manifest.expectedProofs(),
                    request.input(),
                    request.taskId(),
                    policy,
                    estimate,
                    holdId,
                    shortfall,
                    expiresAt);
        }
    }

    /** Body of an invocation. */
    record InvokeRequest(String tool, String version, JsonNode input, String executionMode, String taskId) {}

    /**
     * The response to an invocation that was not rejected.
     *
     * @param held credits now held on the invoker's account for this invocation
     */
    record InvocationStarted(
            String invocationId,
            InvocationStatus status,
            String tool,
            String version,
            ExecutionMode executionMode,
            PolicyEvaluation policy,
            long estimate,
            long held,
            Instant expiresAt) {}
}
