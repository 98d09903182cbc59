package io.openloop.ledger.command.loop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A loop: the identity that acts on the platform. Decides its handle, kind, plan and status. */
@Aggregate(snapshotTriggerDefinition = "loopSnapshotTrigger")
class Loop {

    static final int MAX_DISPLAY_NAME_LENGTH = 100;

    @AggregateIdentifier
    private String loopId;

    private Handle handle;
    private LoopKind kind;
    private Plan plan;
    private LoopStatus status;

    Loop() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    @CommandHandler
    Loop(RegisterLoopCommand command, HandleRegistry handles, Clock clock) {
        if (command.kind() != LoopKind.DEVELOPER && command.kind() != LoopKind.BUSINESS) {
            throw invalidField("kind", "kind must be \"developer\" or \"business\" for a top-level loop");
        }
        String displayName = DisplayNames.validate(command.displayName());
        Plan plan = command.plan() == null ? Plan.FREE : command.plan();

        handles.claim(command.handle(), command.loopId());
        apply(new LoopRegisteredEvent(
                command.loopId(), command.handle(), displayName, command.kind(), plan, clock.instant()));
    }

    @EventSourcingHandler
    void on(LoopRegisteredEvent event) {
        loopId = event.loopId();
        handle = event.handle();
        kind = event.kind();
        plan = event.plan();
        status = LoopStatus.ACTIVE;
    }

    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }
}
