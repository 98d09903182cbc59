package io.openloop.ledger.query.task;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.task.ContractView;
import io.openloop.ledger.messages.task.FindContractQuery;
import io.openloop.ledger.messages.task.FindTaskPolicyQuery;
import io.openloop.ledger.messages.task.FindTaskQuery;
import io.openloop.ledger.messages.task.ListInboxQuery;
import io.openloop.ledger.messages.task.ListTaskMessagesQuery;
import io.openloop.ledger.messages.task.TaskMessageView;
import io.openloop.ledger.messages.task.TaskPolicyView;
import io.openloop.ledger.messages.task.TaskView;
import io.openloop.ledger.projection.task.TaskReadModels;
import io.openloop.ledger.query.PageLimits;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Handles task queries from the task read models. A task's thread is listed by sequence, and a loop's inbox newest
 * first by message id. The cursor of a page is the sequence or the message id of its last entry.
 */
@Component
class TaskQueryHandler {

    private final MongoCollection<Document> tasks;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> policies;

    TaskQueryHandler(MongoDatabase database) {
        this.tasks = database.getCollection(TaskReadModels.TASKS);
        this.messages = database.getCollection(TaskReadModels.TASK_MESSAGES);
        this.policies = database.getCollection(TaskReadModels.TASK_POLICIES);
    }

    @QueryHandler
    TaskView handle(FindTaskQuery query) {
        Document doc = findTask(query.taskId());
        return doc == null ? null : TaskDocuments.toTaskView(doc);
    }

    @QueryHandler
    ContractView handle(FindContractQuery query) {
        Document doc = findTask(query.taskId());
        return doc == null ? null : TaskDocuments.toContractView(doc);
    }

    @QueryHandler
    TaskPolicyView handle(FindTaskPolicyQuery query) {
        Document doc = policies.find(Filters.eq("_id", query.loopId())).first();
        return TaskDocuments.toPolicyView(query.loopId(), doc);
    }

    @QueryHandler
    Page<TaskMessageView> handle(ListTaskMessagesQuery query) {
        PageLimits.require(query.limit());
        require("taskId", query.taskId(), "name the task whose messages to list");
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("taskId", query.taskId()));
        if (query.afterSequence() != null) {
            filters.add(Filters.gt("sequence", query.afterSequence()));
        }

        // NOTE: the in-process store serves only unique indexes, so it scans task_messages here. MongoDB reads the
        // {taskId, sequence} index.
        return page(filters, Sorts.ascending("sequence"), query.limit(), last -> String.valueOf(last.sequence()));
    }

    @QueryHandler
    Page<TaskMessageView> handle(ListInboxQuery query) {
        PageLimits.require(query.limit());
        require("loopId", query.loopId(), "name the loop whose inbox to list");
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("toLoopId", query.loopId()));
        if (query.type() != null) {
            filters.add(Filters.eq("type", query.type().name()));
        }
        if (query.taskId() != null) {
            filters.add(Filters.eq("taskId", query.taskId()));
        }
        if (query.fromLoopId() != null) {
            filters.add(Filters.eq("fromLoopId", query.fromLoopId()));
        }
        if (query.since() != null) {
            filters.add(Filters.gte("createdAt", Date.from(query.since())));
        }
        if (query.before() != null) {
            filters.add(Filters.lt("_id", query.before()));
        }

        // NOTE: the in-process store serves only unique indexes, so it scans task_messages here. MongoDB reads the
        // {toLoopId, _id} index.
        return page(filters, Sorts.descending("_id"), query.limit(), TaskMessageView::messageId);
    }

    private Document findTask(String taskId) {
        return tasks.find(Filters.eq("_id", taskId)).first();
    }

    /**
     * Reads one page of messages. It reads one message more than {@code limit} to tell whether another page follows,
     * and then the cursor is {@code cursorOf} the page's last message.
     */
    private Page<TaskMessageView> page(
            List<Bson> filters, Bson sort, int limit, Function<TaskMessageView, String> cursorOf) {
        List<TaskMessageView> items = new ArrayList<>(limit + 1);
        for (Document doc : messages.find(Filters.and(filters)).sort(sort).limit(limit + 1)) {
            items.add(TaskDocuments.toMessageView(doc));
        }
        if (items.size() <= limit) {
            return new Page<>(items, null);
        }
        List<TaskMessageView> page = items.subList(0, limit);
        return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
    }

    private static void require(String field, String value, String fix) {
        if (value == null) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    field + " is missing; " + fix,
                    Map.of("fields", Map.of(field, "missing")));
        }
    }
}
