package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.task.AcceptAmendmentCommand;
import io.openloop.ledger.messages.task.ContractView;
import io.openloop.ledger.messages.task.ProposeAmendmentCommand;
import io.openloop.ledger.messages.task.TaskView;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The contract an accepted offer formed: read by the two parties (and the loops that own them), amended only when
 * both parties agree.
 */
@RestController
class ContractRoutes {

    private static final Logger log = LoggerFactory.getLogger(ContractRoutes.class);

    private final Dispatcher dispatcher;
    private final TaskTimeline timeline;
    private final TaskReads reads;

    ContractRoutes(Dispatcher dispatcher, TaskTimeline timeline, TaskReads reads) {
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.reads = reads;
    }

    /** Returns the contract of a task: parties, terms, price, deadline and status; 404 before an offer is accepted. */
    @RequiresScope({Scope.CONTRACT_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/contracts/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContractView> find(@PathVariable String taskId, Caller caller) {
        return Blocking.call(() -> contractOf(timeline.requireVisible(taskId, caller)));
    }

    /**
     * Proposes new terms, a new deadline or both. The contract changes only when the other party accepts; a new
     * proposal replaces one still pending.
     */
    @RequiresScope(value = Scope.CONTRACT_WRITE, operator = false)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/contracts/{taskId}/amendments",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContractView> propose(
            @PathVariable String taskId,
            @RequestBody(required = false) AmendmentRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            timeline.requireParty(taskId, caller);
            Requests.requireBody(request);
            if (request.terms() == null && request.deadline() == null) {
                throw Requests.invalid("terms", "an amendment changes terms, deadline or both; send at least one");
            }
            String amendmentId = Ids.newId(Ids.MESSAGE);
            dispatcher.send(
                    new ProposeAmendmentCommand(
                            taskId, amendmentId, caller.loopId(), request.terms(), request.deadline()),
                    caller,
                    exchange);
            log.info(
                    "Amendment {} of the contract of task {} proposed by loop {}",
                    amendmentId,
                    taskId,
                    caller.loopId());
            return contractOf(timeline.require(taskId));
        });
    }

    /** Accepts the pending amendment; only the party that did not propose it may. */
    @RequiresScope(value = Scope.CONTRACT_WRITE, operator = false)
    @PostMapping(
            path = "/api/contracts/{taskId}/amendments/{amendmentId}/accept",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ContractView> accept(
            @PathVariable String taskId, @PathVariable String amendmentId, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            timeline.requireParty(taskId, caller);
            dispatcher.send(new AcceptAmendmentCommand(taskId, amendmentId, caller.loopId()), caller, exchange);
            log.info(
                    "Amendment {} of the contract of task {} accepted by loop {}",
                    amendmentId,
                    taskId,
                    caller.loopId());
            return contractOf(timeline.require(taskId));
        });
    }

    private ContractView contractOf(TaskSnapshot task) {
        TaskView view = reads.awaitProjected(task);
        if (view.contract() == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "task " + task.taskId() + " has no contract yet; one forms when the requester accepts an offer",
                    Map.of("taskId", task.taskId(), "currentState", task.state().name()));
        }
        return view.contract();
    }

    /** Body of an amendment: the new terms, the new deadline, or both. */
    record AmendmentRequest(String terms, Instant deadline) {}
}
