package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Cursors;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.invocation.ApproveInvocationCommand;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ListApprovalsQuery;
import io.openloop.ledger.messages.invocation.RejectInvocationCommand;
import io.openloop.ledger.messages.loop.ListLoopTreeQuery;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes with which owners see the guided invocations that wait for them, and approve or deny each. */
@RestController
class ApprovalRoutes {

    private static final int MAX_REASON = 500;

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final InvocationLookup invocations;
    private final Settlement settlement;

    ApprovalRoutes(Dispatcher dispatcher, LoopAccess access, InvocationLookup invocations, Settlement settlement) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.invocations = invocations;
        this.settlement = settlement;
    }

    /** Lists the invocations of a loop and of the loops below it that await approval, oldest first. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @GetMapping(path = "/api/loops/{loopId}/approvals", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<InvocationView>> pending(
            @PathVariable String loopId,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            List<String> tree =
                    dispatcher.query(new ListLoopTreeQuery(loopId), ResponseTypes.multipleInstancesOf(String.class));
            Page<InvocationView> page = dispatcher.queryPage(
                    new ListApprovalsQuery(tree, Cursors.decode(after), Cursors.limit(limit)), InvocationView.class);
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    /**
     * Approves or denies an invocation that awaits approval; a denial releases its hold. The caller must manage the
     * invoking loop.
     */
    @RequiresScope(value = Scope.LOOPS_MANAGE, operator = false)
    @PostMapping(
            path = "/api/invocations/{invocationId}/approval",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ApprovalRecorded>> decide(
            @PathVariable String invocationId,
            @RequestBody(required = false) ApprovalRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            InvocationView invocation = invocations.require(invocationId);
            try {
                access.requireManaged(caller, invocation.loopId());
            } catch (LedgerException e) {
                throw InvocationLookup.notFound(invocationId);
            }
            Requests.requireBody(request);
            if (request.approve() == null) {
                throw Requests.invalid("approve", "approve is missing; send true to approve or false to deny");
            }
            if (request.reason() != null && request.reason().length() > MAX_REASON) {
                throw Requests.invalid("reason", "reason is longer than " + MAX_REASON + " characters");
            }
            if (invocation.status() != InvocationStatus.AWAITING_APPROVAL) {
                throw new LedgerException(
                        ErrorCode.INVALID_STATE,
                        "invocation " + invocationId + " is " + invocation.status() + "; only an invocation awaiting"
                                + " approval can be approved or denied",
                        Map.of("currentState", invocation.status().name()));
            }

            if (request.approve()) {
                dispatcher.send(
                        new ApproveInvocationCommand(invocationId, caller.loopId(), caller.keyId()), caller, exchange);
                return ResponseEntity.ok(new ApprovalRecorded(invocationId, InvocationStatus.PENDING));
            }
            dispatcher.send(
                    new RejectInvocationCommand(invocationId, caller.loopId(), caller.keyId(), request.reason()),
                    caller,
                    exchange);
            ResponseEntity.BodyBuilder response = ResponseEntity.ok();
            if (invocation.held() != null && invocation.held() > 0) {
                Settlement.Outcome outcome =
                        settlement.release(invocation, "an owner denied the invocation", caller, exchange);
                CreditHeaders.add(response, outcome.callerAvailable(), 0);
            }
            return response.body(new ApprovalRecorded(invocationId, InvocationStatus.REJECTED));
        });
    }

    /**
     * Body of a decision.
     *
     * @param approve true to approve, false to deny
     * @param reason why, kept with a denial
     */
    record ApprovalRequest(Boolean approve, String reason) {}

    /** The response to a decision. */
    record ApprovalRecorded(String invocationId, InvocationStatus status) {}
}
