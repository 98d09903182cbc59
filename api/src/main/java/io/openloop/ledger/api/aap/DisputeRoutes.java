package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.credit.CreditAccountView;
import io.openloop.ledger.messages.credit.FindCreditAccountQuery;
import io.openloop.ledger.messages.task.DisputeResolution;
import io.openloop.ledger.messages.task.ResolveDisputeCommand;
import io.openloop.ledger.messages.task.TaskState;
import io.openloop.ledger.messages.task.TaskView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The operator's resolution of a disputed task. */
@RestController
class DisputeRoutes {

    private static final Logger log = LoggerFactory.getLogger(DisputeRoutes.class);

    private final Dispatcher dispatcher;
    private final TaskTimeline timeline;
    private final TaskReads reads;

    DisputeRoutes(Dispatcher dispatcher, TaskTimeline timeline, TaskReads reads) {
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.reads = reads;
    }

    /**
     * Resolves a dispute. {@code REFUNDED} returns the price from the business to the requester as new entries, so it
     * needs the price available on the business's account (402 {@code INSUFFICIENT_CREDITS} otherwise); {@code
     * DISMISSED} lets the settlement stand.
     */
    @OperatorOnly
    @PostMapping(
            path = "/api/admin/tasks/{taskId}/resolution",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TaskView> resolve(
            @PathVariable String taskId,
            @RequestBody(required = false) ResolutionRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            TaskSnapshot task = timeline.require(taskId);
            Requests.requireBody(request);
            DisputeResolution resolution = parseResolution(request.resolution());
            if (task.state() != TaskState.DISPUTED) {
                throw new LedgerException(
                        ErrorCode.INVALID_STATE,
                        "task " + taskId + " is " + task.state() + "; only a DISPUTED task can be resolved",
                        Map.of("currentState", task.state().name()));
            }
            String refundTransferId = null;
            if (resolution == DisputeResolution.REFUNDED) {
                requireRefundable(task);
                refundTransferId = "refund:" + taskId;
            }
            dispatcher.send(
                    new ResolveDisputeCommand(taskId, resolution, request.note(), refundTransferId), caller, exchange);
            log.info("Dispute of task {} resolved by the operator: {}", taskId, resolution);
            return reads.awaitProjected(timeline.require(taskId));
        });
    }

    private void requireRefundable(TaskSnapshot task) {
        long price = task.price() == null ? 0 : task.price();
        if (price == 0) {
            return;
        }
        CreditAccountView account = dispatcher.query(
                new FindCreditAccountQuery(task.businessLoopId()), ResponseTypes.instanceOf(CreditAccountView.class));
        if (account.available() < price) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("required", price);
            details.put("available", account.available());
            details.put("taskId", task.taskId());
            throw new LedgerException(
                    ErrorCode.INSUFFICIENT_CREDITS,
                    "the business has " + account.available() + " credits available, less than the price of " + price
                            + " to refund",
                    details);
        }
    }

    private static DisputeResolution parseResolution(String value) {
        if (value == null) {
            throw Requests.invalid("resolution", "resolution is missing; use REFUNDED or DISMISSED");
        }
        for (DisputeResolution candidate : DisputeResolution.values()) {
            if (candidate.name().equals(value)) {
                return candidate;
            }
        }
        throw Requests.invalid("resolution", "resolution must be one of " + List.of(DisputeResolution.values()));
    }

    /** Body of a resolution: {@code REFUNDED} or {@code DISMISSED}, and a note for the audit trail. */
    record ResolutionRequest(String resolution, String note) {}
}
