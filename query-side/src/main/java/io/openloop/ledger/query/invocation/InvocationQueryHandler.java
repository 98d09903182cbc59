package io.openloop.ledger.query.invocation;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.invocation.FindInvocationQuery;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ListApprovalsQuery;
import io.openloop.ledger.messages.invocation.ListInvocationsQuery;
import io.openloop.ledger.messages.invocation.ListPublisherInvocationsQuery;
import io.openloop.ledger.projection.invocation.InvocationReadModels;
import io.openloop.ledger.query.PageLimits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Handles invocation queries from the invocation log. Listings are sorted by invocation id, and the cursor is the last
 * id of a page, so a page is one range read on an index that starts with the filtered fields on MongoDB.
 */
@Component
class InvocationQueryHandler {

    static final int MAX_LIMIT = PageLimits.MAX_LIMIT;

    private final MongoCollection<Document> invocations;
    private final MongoCollection<Document> open;

    InvocationQueryHandler(MongoDatabase database) {
        this.invocations = database.getCollection(InvocationReadModels.INVOCATIONS);
        this.open = database.getCollection(InvocationReadModels.OPEN_INVOCATIONS);
    }

    @QueryHandler
    InvocationView handle(FindInvocationQuery query) {
        Document doc = invocations.find(Filters.eq("_id", query.invocationId())).first();
        if (doc == null || doc.getLong("sequence") == InvocationReadModels.NO_INVOCATION_EVENT) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "invocation " + query.invocationId() + " not found",
                    Map.of("invocationId", String.valueOf(query.invocationId())));
        }
        return InvocationDocuments.toView(doc);
    }

    @QueryHandler
    Page<InvocationView> handle(ListInvocationsQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.loopIds() != null) {
            filters.add(Filters.in("loopId", query.loopIds()));
        }
        if (query.toolName() != null) {
            filters.add(Filters.eq("toolName", query.toolName()));
        }
        if (query.status() != null) {
            filters.add(Filters.eq("status", query.status().name()));
        }
        if (query.mode() != null) {
            filters.add(Filters.eq("executionMode", query.mode().wireName()));
        }
        return page(query.loopIds(), filters, query.after(), query.limit());
    }

    @QueryHandler
    Page<InvocationView> handle(ListPublisherInvocationsQuery query) {
        if (query.publisherLoopId() == null) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "publisherLoopId is missing; name the loop that publishes the tools",
                    Map.of("fields", Map.of("publisherLoopId", "missing")));
        }
        List<Bson> filters = new ArrayList<>();
        filters.add(Filters.eq("publisherLoopId", query.publisherLoopId()));
        if (query.status() != null) {
            filters.add(Filters.eq("status", query.status().name()));
        }
        if (query.toolName() != null) {
            filters.add(Filters.eq("toolName", query.toolName()));
        }
        if (query.status() == InvocationStatus.PENDING || query.status() == InvocationStatus.AWAITING_APPROVAL) {
            return openPage(filters, query.after(), query.limit());
        }
        return page(List.of(query.publisherLoopId()), filters, query.after(), query.limit());
    }

    @QueryHandler
    Page<InvocationView> handle(ListApprovalsQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.loopIds() != null) {
            filters.add(Filters.in("loopId", query.loopIds()));
        }
        filters.add(Filters.eq("status", InvocationStatus.AWAITING_APPROVAL.name()));
        if (query.loopIds() != null && query.loopIds().isEmpty()) {
            return new Page<>(List.of(), null);
        }
        return openPage(filters, query.after(), query.limit());
    }

    /**
     * Reads one page of invocations that wait for someone: the ids from the small open-invocations collection, then
     * their log documents by id, which any MongoDB serves from the primary key.
     */
    private Page<InvocationView> openPage(List<Bson> filters, String after, int limit) {
        PageLimits.require(limit);
        if (after != null) {
            filters.add(Filters.gt("_id", after));
        }
        List<String> ids = new ArrayList<>(limit + 1);
        for (Document entry : open.find(Filters.and(filters))
                .projection(new Document("_id", 1))
                .sort(Sorts.ascending("_id"))
                .limit(limit + 1)) {
            ids.add(entry.getString("_id"));
        }
        boolean more = ids.size() > limit;
        List<String> pageIds = more ? ids.subList(0, limit) : ids;

        Map<String, Document> documents = new HashMap<>();
        for (Document doc : invocations.find(Filters.in("_id", pageIds))) {
            documents.put(doc.getString("_id"), doc);
        }
        List<InvocationView> items = new ArrayList<>(pageIds.size());
        for (String id : pageIds) {
            Document doc = documents.get(id);
            if (doc != null) {
                items.add(InvocationDocuments.toView(doc));
            }
        }
        String nextCursor = more ? pageIds.get(pageIds.size() - 1) : null;
        return new Page<>(items, nextCursor);
    }

    /** Reads one page; {@code scope} null means every loop, and an empty scope matches nothing. */
    private Page<InvocationView> page(List<String> scope, List<Bson> filters, String after, int limit) {
        PageLimits.require(limit);
        if (scope != null && scope.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        if (after != null) {
            filters.add(Filters.gt("_id", after));
        }
        // A placeholder with only credit fields has no loopId, publisherLoopId or status. Only an unfiltered operator
        // listing could match one, and this filter excludes it there too.
        filters.add(Filters.gte("sequence", 0L));

        List<InvocationView> items = new ArrayList<>(limit);
        boolean more = false;
        for (Document doc : invocations
                .find(Filters.and(filters))
                .sort(Sorts.ascending("_id"))
                .limit(limit + 1)) {
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(InvocationDocuments.toView(doc));
        }
        String nextCursor = more ? items.get(items.size() - 1).invocationId() : null;
        return new Page<>(items, nextCursor);
    }
}
