package io.openloop.ledger.store.deadlines;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A test aggregate that schedules a deadline named {@value #DEADLINE} when it is created and records in static maps
 * how often its deadline handler ran, so tests with several Axon configurations count calls across all of them.
 */
class ReminderAggregate {

    static final String DEADLINE = "reminder";

    /** Handler calls per aggregate id, failed ones included. */
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** Handler calls that completed, per aggregate id. */
    static final Map<String, AtomicInteger> fired = new ConcurrentHashMap<>();

    /** How many more calls of the deadline handler throw before one succeeds. */
    static final AtomicInteger failuresLeft = new AtomicInteger();

    record SetReminderCommand(
            @TargetAggregateIdentifier String reminderId, Instant dueAt, boolean rejectAfterScheduling) {}

    record ReminderSetEvent(String reminderId) {}

    record ReminderFiredEvent(String reminderId) {}

    record ReminderDue(String reminderId) {}

    @AggregateIdentifier
    private String reminderId;

    ReminderAggregate() {}

    @CommandHandler
    ReminderAggregate(SetReminderCommand command, DeadlineManager deadlineManager) {
        apply(new ReminderSetEvent(command.reminderId()));
        deadlineManager.schedule(command.dueAt(), DEADLINE, new ReminderDue(command.reminderId()));
        if (command.rejectAfterScheduling()) {
            throw new IllegalStateException("Reminder [" + command.reminderId() + "] rejected after scheduling");
        }
    }

    @EventSourcingHandler
    void on(ReminderSetEvent event) {
        this.reminderId = event.reminderId();
    }

    @DeadlineHandler(deadlineName = DEADLINE)
    void onDue(ReminderDue due) {
        calls.computeIfAbsent(reminderId, id -> new AtomicInteger()).incrementAndGet();
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            throw new IllegalStateException("Deadline handler of reminder [" + reminderId + "] failed on purpose");
        }
        apply(new ReminderFiredEvent(reminderId));
        fired.computeIfAbsent(reminderId, id -> new AtomicInteger()).incrementAndGet();
    }

    static void reset() {
        calls.clear();
        fired.clear();
        failuresLeft.set(0);
    }

    static int callsOf(String reminderId) {
        AtomicInteger count = calls.get(reminderId);
        return count == null ? 0 : count.get();
    }

    static int firedOf(String reminderId) {
        AtomicInteger count = fired.get(reminderId);
        return count == null ? 0 : count.get();
    }
}
