package io.openloop.ledger.command.proof;

import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.proof.DisputeProofCommand;
import io.openloop.ledger.messages.proof.MarkProofSettledCommand;
import io.openloop.ledger.messages.task.TaskCompletedEvent;
import io.openloop.ledger.messages.task.TaskDisputedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Carries a task's settlement and dispute to the proofs its completion carried: a settled paid task raises each to V5,
 * and a disputed one marks each disputed. The proof ids come from the task's TaskCompletedEvent in the event store.
 *
 * <p>The proofs record each method and a dispute once, so an event processed twice changes nothing. A rejection with
 * {@code INVALID_STATE} is logged and skipped, and any other failure propagates, so the processor retries the event.
 * Replays are disallowed because a replay must not send commands again.
 */
@Component
@DisallowReplay
@ProcessingGroup(TaskProofLevels.PROCESSING_GROUP)
class TaskProofLevels {

    static final String PROCESSING_GROUP = "task-proof-levels";

    private static final Logger log = LoggerFactory.getLogger(TaskProofLevels.class);

    private final CommandGateway commands;
    private final EventStore events;

    TaskProofLevels(CommandGateway commands, EventStore events) {
        this.commands = commands;
        this.events = events;
    }

    @EventHandler
    void on(TaskSettledEvent event) {
        if (event.amount() == 0) {
            // A free task moves no credits, so its settlement proves no payment and raises nothing to V5.
            log.info("Task {} settled without a payment; its proofs keep their levels", event.taskId());
            return;
        }
        for (String proofId : completionProofs(event.taskId())) {
            send(new MarkProofSettledCommand(proofId, event.taskId()), proofId, event.taskId());
        }
    }

    @EventHandler
    void on(TaskDisputedEvent event) {
        for (String proofId : completionProofs(event.taskId())) {
            DisputeProofCommand dispute = new DisputeProofCommand(proofId, event.requesterLoopId(), event.reason());
            send(dispute, proofId, event.taskId());
        }
    }

    // NOTE: proofs attached to the task later through the proof route are not in the completion event, so settlement
    // does not raise them to V5 and a dispute does not mark them.
    /** Returns the proof ids of the task's completion, or none when the task has no TaskCompletedEvent. */
    private List<String> completionProofs(String taskId) {
        DomainEventStream stream = events.readEvents(taskId, 0);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof TaskCompletedEvent completed) {
                return completed.proofIds() == null ? List.of() : completed.proofIds();
            }
        }
        log.warn("Task {} has no TaskCompletedEvent, so no proof levels change", taskId);
        return List.of();
    }

    private void send(Object command, String proofId, String taskId) {
        try {
            commands.sendAndWait(command);
        } catch (RuntimeException e) {
            if (CommandFailures.ledgerCode(e) == ErrorCode.INVALID_STATE) {
                log.info(
                        "{} for proof {} of task {} was rejected; skipped ({})",
                        command.getClass().getSimpleName(),
                        proofId,
                        taskId,
                        e.getMessage());
                return;
            }
            throw e;
        }
    }
}
