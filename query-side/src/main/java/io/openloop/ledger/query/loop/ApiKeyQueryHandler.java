package io.openloop.ledger.query.loop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.ApiKeyView;
import io.openloop.ledger.messages.loop.ListApiKeysQuery;
import io.openloop.ledger.projection.loop.LoopReadModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Lists a loop's keys: the loop's entry in {@code loop_keys} names its key ids, and {@code api_keys} is read by
 * {@code _id $in} those ids, so both reads are served by the primary key on any MongoDB.
 */
@Component
class ApiKeyQueryHandler {

    private static final Comparator<ApiKeyView> NEWEST_FIRST = Comparator.comparing(ApiKeyView::createdAt)
            .thenComparing(ApiKeyView::keyId)
            .reversed();

    private final MongoCollection<Document> loops;
    private final MongoCollection<Document> loopKeys;
    private final MongoCollection<Document> keys;

    ApiKeyQueryHandler(MongoDatabase database) {
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.loopKeys = database.getCollection(LoopReadModels.LOOP_KEYS);
        this.keys = database.getCollection(LoopReadModels.API_KEYS);
    }

    /** Returns the loop's keys, revoked ones included, newest first; {@code NOT_FOUND} for an unknown loop. */
    @QueryHandler
    List<ApiKeyView> handle(ListApiKeysQuery query) {
        Document list = loopKeys.find(Filters.eq("_id", query.loopId())).first();
        if (list == null) {
            if (loops.find(Filters.eq("_id", query.loopId())).first() == null) {
                throw new LedgerException(
                        ErrorCode.NOT_FOUND, "loop " + query.loopId() + " not found", Map.of("loopId", query.loopId()));
            }
            return List.of();
        }

        List<String> keyIds = list.getList("keyIds", String.class);
        List<ApiKeyView> views = new ArrayList<>(keyIds.size());
        for (Document key : keys.find(Filters.in("_id", keyIds))) {
            views.add(LoopDocuments.toKeyView(key));
        }
        views.sort(NEWEST_FIRST);
        return views;
    }
}
