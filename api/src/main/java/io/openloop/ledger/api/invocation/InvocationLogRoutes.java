package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Cursors;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ListInvocationsQuery;
import io.openloop.ledger.messages.invocation.ListPublisherInvocationsQuery;
import io.openloop.ledger.messages.loop.ListLoopTreeQuery;
import io.openloop.ledger.messages.tool.ToolNames;
import java.util.List;
import java.util.Locale;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Routes that read the invocation log: a loop's own invocations and those of the loops below it, one invocation, and
 * the work a provider's tools have waiting. A test key sees sandbox invocations only.
 */
@RestController
class InvocationLogRoutes {

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final InvocationLookup invocations;

    InvocationLogRoutes(Dispatcher dispatcher, LoopAccess access, InvocationLookup invocations) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.invocations = invocations;
    }

    /**
     * Lists invocations, newest id last, filtered by loop (the caller's own loop by default, with the loops below it),
     * tool, status and mode. The operator lists every loop's invocations when it names none.
     */
    @RequiresScope({Scope.TOOLS_INVOKE, Scope.AUDIT_READ})
    @GetMapping(path = "/api/invocations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<InvocationView>> list(
            @RequestParam(required = false) String loopId,
            @RequestParam(required = false) String tool,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String mode,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            String root = loopId != null ? loopId : caller.loopId();
            List<String> loops = null;
            if (root != null) {
                access.requireManaged(caller, root);
                loops = dispatcher.query(new ListLoopTreeQuery(root), ResponseTypes.multipleInstancesOf(String.class));
            }
            ListInvocationsQuery query = new ListInvocationsQuery(
                    loops,
                    parseTool(tool),
                    parseStatus(status),
                    ModeFilter.visible(caller, mode),
                    Cursors.decode(after),
                    Cursors.limit(limit));
            Page<InvocationView> page = dispatcher.queryPage(query, InvocationView.class);
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    /** Returns one invocation to the loops that may see it: the invoker and its owners, and the tool's publisher. */
    @RequiresScope({Scope.TOOLS_INVOKE, Scope.AUDIT_READ, Scope.TOOLS_PUBLISH})
    @GetMapping(path = "/api/invocations/{invocationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InvocationView> find(@PathVariable String invocationId, Caller caller) {
        return Blocking.call(() -> {
            InvocationView invocation = invocations.require(invocationId);
            if (caller.isOperator() || invocation.publisherLoopId().equals(caller.loopId())) {
                return requireModeVisible(caller, invocation);
            }
            try {
                access.requireManaged(caller, invocation.loopId());
            } catch (LedgerException e) {
                throw InvocationLookup.notFound(invocationId);
            }
            return requireModeVisible(caller, invocation);
        });
    }

    /**
     * Lists invocations of the caller's tools, by default those {@code PENDING}, oldest first, with their input and
     * the proofs expected: the provider's work queue.
     */
    @RequiresScope(value = Scope.TOOLS_PUBLISH, operator = false)
    @GetMapping(path = "/api/developer/invocations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<InvocationView>> work(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String tool,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            InvocationStatus wanted = status == null ? InvocationStatus.PENDING : parseStatus(status);
            Page<InvocationView> page = dispatcher.queryPage(
                    new ListPublisherInvocationsQuery(
                            caller.loopId(), wanted, parseTool(tool), Cursors.decode(after), Cursors.limit(limit)),
                    InvocationView.class);
            List<InvocationView> items = caller.mode() == KeyMode.TEST
                    ? page.items().stream()
                            .filter(invocation -> !invocation.executionMode().isLive())
                            .toList()
                    : page.items();
            return new Page<>(items, Cursors.encode(page.nextCursor()));
        });
    }

    private static InvocationView requireModeVisible(Caller caller, InvocationView invocation) {
        if (caller.mode() == KeyMode.TEST && invocation.executionMode().isLive()) {
            throw InvocationLookup.notFound(invocation.invocationId());
        }
        return invocation;
    }

    private static String parseTool(String tool) {
        if (tool != null && !ToolNames.FULL_NAME.matcher(tool).matches()) {
            throw Requests.invalid("tool", "tool must be @publisher/name in a-z, 0-9 and _");
        }
        return tool;
    }

    private static InvocationStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        try {
            return InvocationStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Requests.invalid("status", "status must be one of " + List.of(InvocationStatus.values()));
        }
    }
}
