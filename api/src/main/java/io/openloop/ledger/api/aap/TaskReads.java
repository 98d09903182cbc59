package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.task.FindTaskQuery;
import io.openloop.ledger.messages.task.TaskView;
import java.time.Duration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reads the task read model for routes that answer right after a message, waiting for the projection to catch up
 * with the task's events so that the answer shows that message.
 */
@Component
class TaskReads {

    private static final Logger log = LoggerFactory.getLogger(TaskReads.class);
    private static final long POLL_MILLIS = 10;

    private final Dispatcher dispatcher;
    private final Duration readModelWait;

    TaskReads(Dispatcher dispatcher, @Value("${openloop.api.read-model-wait:5s}") Duration readModelWait) {
        this.dispatcher = dispatcher;
        this.readModelWait = readModelWait;
    }

    /**
     * Returns the task's read model once it shows every event up to the snapshot's, waiting up to the read-model wait;
     * after that, the view as it is.
     */
    TaskView awaitProjected(TaskSnapshot task) {
        long deadline = System.nanoTime() + readModelWait.toNanos();
        TaskView view = findOrNull(task.taskId());
        while (view == null || view.sequence() < task.sequence()) {
            if (System.nanoTime() > deadline) {
                log.warn(
                        "Task {} has events up to sequence {} but the task read model did not reach it within {}",
                        task.taskId(),
                        task.sequence(),
                        readModelWait);
                if (view == null) {
                    throw TaskTimeline.notFound(task.taskId());
                }
                return view;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw TaskTimeline.notFound(task.taskId());
            }
            view = findOrNull(task.taskId());
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
