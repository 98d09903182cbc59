package io.openloop.ledger.query.tool;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.tool.FindToolQuery;
import io.openloop.ledger.messages.tool.FindToolVersionQuery;
import io.openloop.ledger.messages.tool.ListToolsQuery;
import io.openloop.ledger.messages.tool.ToolDetails;
import io.openloop.ledger.messages.tool.ToolSummary;
import io.openloop.ledger.messages.tool.ToolVersionView;
import io.openloop.ledger.messages.tool.ToolVisibility;
import io.openloop.ledger.projection.tool.ToolReadModels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

/**
 * Handles tool queries from the tool read models. Listings are ordered by full name, which is unique, so a cursor is
 * the full name of a page's last tool.
 */
@Component
class ToolQueryHandler {

    private final MongoCollection<Document> tools;
    private final ToolReader reader;

    ToolQueryHandler(MongoDatabase database, ToolReader reader) {
        this.tools = database.getCollection(ToolReadModels.TOOLS);
        this.reader = reader;
    }

    @QueryHandler
    ToolVersionView handle(FindToolVersionQuery query) {
        return reader.findVersion(query.toolName(), query.version(), query.viewerLoopId());
    }

    @QueryHandler
    ToolDetails handle(FindToolQuery query) {
        Document tool = reader.visibleTool(query.toolName(), query.viewerLoopId());
        return new ToolDetails(ToolDocuments.toSummary(tool), ToolDocuments.toEntries(tool));
    }

    /**
     * Returns one page of {@link ToolSummary}; its {@code nextCursor} is the full name of the page's last tool, not
     * yet encoded. The return type is the raw {@code Page} because Axon matches a query's response type {@code
     * instanceOf(Page.class)} only to a handler whose declared type is the raw class.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    Page handle(ListToolsQuery query) {
        List<Bson> filters = new ArrayList<>();
        if (query.category() != null) {
            filters.add(Filters.eq("category", query.category()));
        }
        if (query.publisherHandle() != null) {
            filters.add(Filters.eq("publisherHandle", query.publisherHandle()));
        }
        if (query.afterToolName() != null) {
            filters.add(Filters.gt("toolName", query.afterToolName()));
        }
        Set<String> privateScope = reader.privateScope(query.viewerLoopId());
        if (privateScope != null) {
            filters.add(Filters.or(
                    Filters.eq("visibility", ToolVisibility.MARKETPLACE.wireName()),
                    Filters.in("publisherLoopId", privateScope)));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);

        List<ToolSummary> items = new ArrayList<>();
        for (Document tool :
                tools.find(filter).sort(Sorts.ascending("toolName")).limit(query.limit() + 1)) {
            items.add(ToolDocuments.toSummary(tool));
        }
        if (items.size() <= query.limit()) {
            return new Page<>(items, null);
        }
        List<ToolSummary> page = items.subList(0, query.limit());
        return new Page<>(page, page.get(page.size() - 1).toolName());
    }
}
