package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.ReinstateLoopCommand;
import io.openloop.ledger.messages.loop.RejectBusinessVerificationCommand;
import io.openloop.ledger.messages.loop.SubmitBusinessIdentityCommand;
import io.openloop.ledger.messages.loop.SuspendLoopCommand;
import io.openloop.ledger.messages.loop.VerifyBusinessCommand;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that suspend and reinstate loops, and submit and decide business verification. */
@RestController
class LoopStatusRoutes {

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final ReadModelWaits waits;

    LoopStatusRoutes(Dispatcher dispatcher, LoopAccess access, ReadModelWaits waits) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.waits = waits;
    }

    /** Suspends a descendant loop, and so all of its descendants. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @PostMapping(path = "/api/loops/{loopId}/suspension", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> suspend(
            @PathVariable String loopId,
            @RequestBody(required = false) SuspendRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        String reason = request == null ? null : request.reason();
        return Blocking.call(() -> {
            access.requireManagedFromAbove(caller, loopId);
            return change(loopId, new SuspendLoopCommand(loopId, reason), caller, exchange);
        });
    }

    /** Lifts a descendant loop's suspension. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @DeleteMapping(path = "/api/loops/{loopId}/suspension", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> reinstate(@PathVariable String loopId, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            access.requireManagedFromAbove(caller, loopId);
            return change(loopId, new ReinstateLoopCommand(loopId), caller, exchange);
        });
    }

    /** Submits a business loop's identity for verification by an operator. */
    @RequiresScope(value = Scope.LOOPS_MANAGE, operator = false)
    @PostMapping(
            path = "/api/loops/{loopId}/business-identity",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> submitIdentity(
            @PathVariable String loopId,
            @RequestBody(required = false) IdentityRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        Requests.requireBody(request);
        BusinessIdentity identity = new BusinessIdentity(
                request.legalName(), request.website(), request.contactEmail(), request.serviceArea());
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            return change(loopId, new SubmitBusinessIdentityCommand(loopId, identity), caller, exchange);
        });
    }

    /** Verifies or rejects a business loop's pending identity. */
    @OperatorOnly
    @PostMapping(
            path = "/api/admin/loops/{loopId}/verification",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> decideVerification(
            @PathVariable String loopId,
            @RequestBody(required = false) VerificationDecision request,
            Caller caller,
            ServerWebExchange exchange) {
        Requests.requireBody(request);
        Object command;
        if ("verified".equals(request.decision())) {
            command = new VerifyBusinessCommand(loopId, request.note());
        } else if ("rejected".equals(request.decision())) {
            command = new RejectBusinessVerificationCommand(loopId, request.reason());
        } else {
            throw Requests.invalid("decision", "decision must be \"verified\" or \"rejected\"");
        }
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            return change(loopId, command, caller, exchange);
        });
    }

    /** Suspends any loop. */
    @OperatorOnly
    @PostMapping(path = "/api/admin/loops/{loopId}/suspension", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> suspendAsOperator(
            @PathVariable String loopId,
            @RequestBody(required = false) SuspendRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return suspend(loopId, request, caller, exchange);
    }

    /** Lifts any loop's suspension. */
    @OperatorOnly
    @DeleteMapping(path = "/api/admin/loops/{loopId}/suspension", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> reinstateAsOperator(@PathVariable String loopId, Caller caller, ServerWebExchange exchange) {
        return reinstate(loopId, caller, exchange);
    }

    private LoopView change(String loopId, Object command, Caller caller, ServerWebExchange exchange) {
        long before = waits.loopVersion(loopId);
        dispatcher.send(command, caller, exchange);
        waits.loopChanged(loopId, before);
        return dispatcher.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class));
    }

    /** Body of a suspension; the reason is optional. */
    record SuspendRequest(String reason) {}

    /** Body of a business identity submission. */
    record IdentityRequest(String legalName, String website, String contactEmail, List<String> serviceArea) {}

    /** An operator's decision: {@code verified} (with an optional note) or {@code rejected} (with a reason). */
    record VerificationDecision(String decision, String note, String reason) {}
}
