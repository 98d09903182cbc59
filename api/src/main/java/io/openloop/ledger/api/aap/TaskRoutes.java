package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Cursors;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.task.ListInboxQuery;
import io.openloop.ledger.messages.task.ListTaskMessagesQuery;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.messages.task.TaskView;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Reads tasks, their message threads and a loop's AAP inbox from the task read models. */
@RestController
class TaskRoutes {

    private final Dispatcher dispatcher;
    private final TaskTimeline timeline;
    private final TaskReads reads;
    private final LoopAccess access;

    TaskRoutes(Dispatcher dispatcher, TaskTimeline timeline, TaskReads reads, LoopAccess access) {
        this.dispatcher = dispatcher;
        this.timeline = timeline;
        this.reads = reads;
        this.access = access;
    }

    /**
     * Returns a task to its parties, their owners and the operator. The read model is awaited until it shows every
     * event the task has, so a task read right after a message shows that message's effect.
     */
    @RequiresScope({Scope.AAP_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/tasks/{taskId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TaskView> find(@PathVariable String taskId, Caller caller) {
        return Blocking.call(() -> {
            TaskSnapshot task = timeline.requireVisible(taskId, caller);
            return reads.awaitProjected(task);
        });
    }

    /** Lists a task's messages in the order they were applied, with their senders and times. */
    @RequiresScope({Scope.AAP_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/tasks/{taskId}/messages", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<TaskMessageView>> messages(
            @PathVariable String taskId,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            TaskSnapshot task = timeline.requireVisible(taskId, caller);
            reads.awaitProjected(task);
            Page<TaskMessageView> page = dispatcher.queryPage(
                    new ListTaskMessagesQuery(taskId, parseSequence(Cursors.decode(after)), Cursors.limit(limit)),
                    TaskMessageView.class);
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    /**
     * Lists the AAP messages addressed to a loop, newest first: the caller's own loop, or one it owns named by {@code
     * loopId}. Filters: message type, task, sending loop, and {@code since} (an ISO-8601 time).
     */
    @RequiresScope({Scope.AAP_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/aap/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<TaskMessageView>> inbox(
            @RequestParam(required = false) String loopId,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String taskId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String since,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        return Blocking.call(() -> {
            LiveKeys.requireLive(caller);
            String owner = loopId != null ? loopId : caller.loopId();
            if (owner == null) {
                throw Requests.invalid("loopId", "loopId is missing; the operator names the loop whose inbox to list");
            }
            access.requireManaged(caller, owner);
            if (taskId != null && !Ids.isValid(taskId, Ids.TASK)) {
                throw Requests.invalid("taskId", "taskId is not a task id");
            }
            if (from != null && !Ids.isValid(from, Ids.LOOP)) {
                throw Requests.invalid("from", "from is not a loop id");
            }
            ListInboxQuery query = new ListInboxQuery(
                    owner,
                    type == null ? null : AapMessageRoute.parseType(type),
                    taskId,
                    from,
                    parseSince(since),
                    Cursors.decode(after),
                    Cursors.limit(limit));
            Page<TaskMessageView> page = dispatcher.queryPage(query, TaskMessageView.class);
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    private static Long parseSequence(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw Requests.invalid("after", "after is not a cursor from this listing");
        }
    }

    private static Instant parseSince(String since) {
        if (since == null) {
            return null;
        }
        try {
            return Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw Requests.invalid("since", "since must be an ISO-8601 time such as 2026-01-31T12:00:00Z");
        }
    }
}
