package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Re-applies loop events to the {@link LoopDirectory} from the event store, so a directory write lost after its events
 * were committed is repaired, and an empty directory is rebuilt from the first event.
 *
 * <p>Every write is skipped when the entry is already at the event's sequence number or later, so running behind the
 * aggregate's own writes changes nothing. There is no reset handler: replaying over the existing entries is harmless,
 * while clearing them would make child-loop registration fail until the replay finished.
 */
@Component
@ProcessingGroup(LoopDirectoryUpdater.PROCESSING_GROUP)
class LoopDirectoryUpdater {

    static final String PROCESSING_GROUP = "loop-directory";

    private final LoopDirectory directory;

    LoopDirectoryUpdater(LoopDirectory directory) {
        this.directory = directory;
    }

    @EventHandler
    void on(LoopRegisteredEvent event, @SequenceNumber long sequence) {
        directory.record(new LoopDirectoryEntry(
                event.loopId(),
                null,
                List.of(),
                event.permissions() == null ? Scope.all() : event.permissions(),
                event.skills() == null ? Loop.EVERY_SKILL : event.skills(),
                LoopStatus.ACTIVE,
                event.kind(),
                event.plan(),
                sequence));
    }

    @EventHandler
    void on(ChildLoopRegisteredEvent event, @SequenceNumber long sequence) {
        directory.record(new LoopDirectoryEntry(
                event.loopId(),
                event.parentLoopId(),
                event.ancestors(),
                event.permissions(),
                event.skills(),
                LoopStatus.ACTIVE,
                LoopKind.AGENT,
                event.plan(),
                sequence));
    }

    @EventHandler
    void on(LoopPermissionsChangedEvent event, @SequenceNumber long sequence) {
        directory.recordPermissions(event.loopId(), event.permissions(), event.skills(), sequence);
    }

    @EventHandler
    void on(LoopSuspendedEvent event, @SequenceNumber long sequence) {
        directory.recordStatus(event.loopId(), LoopStatus.SUSPENDED, sequence);
    }

    @EventHandler
    void on(LoopReinstatedEvent event, @SequenceNumber long sequence) {
        directory.recordStatus(event.loopId(), LoopStatus.ACTIVE, sequence);
    }
}
