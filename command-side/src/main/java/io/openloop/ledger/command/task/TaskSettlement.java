package io.openloop.ledger.command.task;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.credit.CaptureHoldCommand;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.ReleaseHoldCommand;
import io.openloop.ledger.messages.task.MarkTaskSettledCommand;
import io.openloop.ledger.messages.task.OfferAcceptedEvent;
import io.openloop.ledger.messages.task.TaskCancelledEvent;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskExpiredEvent;
import io.openloop.ledger.messages.task.TaskFailedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Settles the price of one contract with a hold: from acceptance until the price reached the business's account or
 * returned to the requester. Completion captures the hold for the business, and the settlement ends when the business
 * account receives the capture (transfer id = hold id), by marking the task settled. Failure, cancellation or expiry
 * releases the hold and ends it. A free contract has no hold and starts no settlement.
 *
 * <p>Each step sends one command and waits for it. A hold is resolved once, so a command for a hold that is already
 * resolved is rejected with {@code INVALID_STATE}, the expected outcome of a retried step, and is logged and skipped.
 * Any other failure propagates, so the processor retries the event and the saga's state is not saved past it.
 */
@Saga
@ProcessingGroup(TaskSettlement.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class TaskSettlement {

    static final String PROCESSING_GROUP = "task-settlement";

    static final String HOLD_ID = "holdId";

    private static final Logger log = LoggerFactory.getLogger(TaskSettlement.class);

    @Autowired
    @JsonIgnore
    private transient CommandGateway commands;

    private String taskId;
    private String holdId;
    private String requesterLoopId;
    private String businessLoopId;

    public TaskSettlement() {
        // Required by Axon to create the saga and by the serializer to restore it.
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "taskId")
    void on(OfferAcceptedEvent event) {
        if (event.holdId() == null) {
            // A free contract moves no credits: the task records its own settlement on completion.
            SagaLifecycle.end();
            return;
        }
        taskId = event.taskId();
        holdId = event.holdId();
        requesterLoopId = event.requesterLoopId();
        businessLoopId = event.businessLoopId();
        SagaLifecycle.associateWith(HOLD_ID, holdId);
    }

    /**
     * Captures the hold for the business. NOTE: when the hold was released meanwhile (it expired before the completion
     * was processed, say), the capture is rejected with {@code INVALID_STATE} like a retry and skipped, and the task
     * stays {@code COMPLETED} with this settlement waiting for credits that never arrive.
     */
    @SagaEventHandler(associationProperty = "taskId")
    void on(TaskCompletedEvent event) {
        CaptureHoldCommand capture = new CaptureHoldCommand(
                CreditAccounts.accountIdOf(requesterLoopId),
                holdId,
                event.price(),
                CreditAccounts.accountIdOf(businessLoopId));
        send(capture);
    }

    @SagaEventHandler(associationProperty = "transferId", keyName = HOLD_ID)
    void on(CreditsReceivedEvent event) {
        if (!event.accountId().equals(CreditAccounts.accountIdOf(businessLoopId))) {
            return;
        }

        send(new MarkTaskSettledCommand(taskId, holdId, event.amount()));
        SagaLifecycle.end();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "taskId")
    void on(TaskFailedEvent event) {
        release("task failed");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "taskId")
    void on(TaskCancelledEvent event) {
        release("task cancelled");
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "taskId")
    void on(TaskExpiredEvent event) {
        release("task expired");
    }

    private void release(String reason) {
        send(new ReleaseHoldCommand(CreditAccounts.accountIdOf(requesterLoopId), holdId, reason));
    }

    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (CommandFailures.ledgerCode(e) == ErrorCode.INVALID_STATE) {
                log.info(
                        "{} for hold {} of task {} was rejected as already applied; skipped ({})",
                        command.getClass().getSimpleName(),
                        holdId,
                        taskId,
                        e.getMessage());
                return;
            }
            log.warn(
                    "{} for hold {} of task {} failed; the event will be retried",
                    command.getClass().getSimpleName(),
                    holdId,
                    taskId,
                    e);
            throw e;
        }
    }
}
