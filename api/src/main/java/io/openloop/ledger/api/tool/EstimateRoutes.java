package io.openloop.ledger.api.tool;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.tool.FindToolVersionQuery;
import io.openloop.ledger.messages.tool.ToolNames;
import io.openloop.ledger.messages.tool.ToolVersionView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The route that estimates the credits an invocation of a tool would hold, before it runs. */
@RestController
class EstimateRoutes {

    static final String SANDBOX_NOTE = "sandbox runs are simulated, so they hold and charge no credits";

    private final Dispatcher dispatcher;

    EstimateRoutes(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * Estimates the credits an invocation holds: the price of the pinned version, or of the newest version not
     * deprecated, and 0 in sandbox mode. Without {@code executionMode}, a test key estimates sandbox and a live key
     * a live run.
     */
    @RequiresScope(Scope.TOOLS_INVOKE)
    @PostMapping(
            path = "/api/credits/estimate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Estimate> estimate(@RequestBody(required = false) EstimateRequest request, Caller caller) {
        Requests.requireBody(request);
        if (request.tool() == null
                || !ToolNames.FULL_NAME.matcher(request.tool()).matches()) {
            throw Requests.invalid("tool", "tool must be a full tool name such as @acme_dev/find_dental_leads");
        }
        ExecutionMode mode = mode(request.executionMode(), caller);
        String viewer = caller.isOperator() ? null : caller.loopId();

        return Blocking.call(() -> {
            ToolVersionView version = dispatcher.query(
                    new FindToolVersionQuery(request.tool(), request.version(), viewer),
                    ResponseTypes.instanceOf(ToolVersionView.class));
            String published = version.manifest().version();
            if (mode == ExecutionMode.SANDBOX) {
                return new Estimate(version.toolName(), published, mode.wireName(), 0, "credits", SANDBOX_NOTE);
            }
            return new Estimate(
                    version.toolName(),
                    published,
                    mode.wireName(),
                    version.manifest().price(),
                    "credits",
                    null);
        });
    }

    private static ExecutionMode mode(String requested, Caller caller) {
        if (requested == null) {
            return caller.mode() == KeyMode.TEST ? ExecutionMode.SANDBOX : ExecutionMode.GUIDED;
        }
        ExecutionMode mode = ExecutionMode.fromWireName(requested);
        if (mode == null) {
            throw Requests.invalid("executionMode", "executionMode must be \"sandbox\", \"guided\" or \"autopilot\"");
        }
        SandboxKeys.requireLiveKeyFor(mode, caller);
        return mode;
    }

    /** Body of an estimate. */
    record EstimateRequest(String tool, String version, String executionMode) {}

    /**
     * An estimate in credits.
     *
     * @param note why the estimate is 0 in sandbox mode; absent otherwise
     */
    record Estimate(String tool, String version, String executionMode, long estimate, String currency, String note) {}
}
