package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.ReadModelPolling;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.task.FindTaskQuery;
import io.openloop.ledger.messages.task.TaskView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

/**
 * Reads the task read model for routes that respond right after a message, waiting for the projection to catch up
 * with the task's events so that the response shows that message.
 */
@Component
class TaskReads {

    private final Dispatcher dispatcher;
    private final ReadModelPolling polling;

    TaskReads(Dispatcher dispatcher, ReadModelPolling polling) {
        this.dispatcher = dispatcher;
        this.polling = polling;
    }

    /**
     * Returns the task's read model once it shows every event up to the snapshot's. After the read-model wait it
     * returns the view as it is, or rejects with {@code NOT_FOUND} when the task is not projected at all.
     */
    TaskView awaitProjected(TaskSnapshot task) {
        TaskView view = polling.await(
                "task " + task.taskId() + " at sequence " + task.sequence(),
                () -> findOrNull(task.taskId()),
                found -> found != null && found.sequence() >= task.sequence());
        if (view == null) {
            throw TaskTimeline.notFound(task.taskId());
        }
        return view;
    }

    private TaskView findOrNull(String taskId) {
        try {
            return dispatcher.query(new FindTaskQuery(taskId), ResponseTypes.instanceOf(TaskView.class));
        } catch (LedgerException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return null;
        }
    }
}
