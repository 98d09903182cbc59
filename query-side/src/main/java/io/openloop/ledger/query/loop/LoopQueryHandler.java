package io.openloop.ledger.query.loop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.Plan;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Answers loop queries from the {@code loops} read model. */
@Component
class LoopQueryHandler {

    private final MongoCollection<Document> loops;

    LoopQueryHandler(MongoDatabase database) {
        this.loops = database.getCollection("loops");
    }

    @QueryHandler
    LoopView handle(FindLoopQuery query) {
        Document loop = loops.find(Filters.eq("_id", query.loopId())).first();
        if (loop == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND, "loop " + query.loopId() + " not found", Map.of("loopId", query.loopId()));
        }
        return toView(loop);
    }

    static LoopView toView(Document loop) {
        return new LoopView(
                loop.getString("_id"),
                loop.getString("handle"),
                loop.getString("displayName"),
                LoopKind.fromWireName(loop.getString("kind")),
                Plan.fromWireName(loop.getString("plan")),
                LoopStatus.fromWireName(loop.getString("status")),
                loop.getDate("createdAt").toInstant(),
                loop.getDate("updatedAt").toInstant(),
                loop.getLong("version"));
    }
}
