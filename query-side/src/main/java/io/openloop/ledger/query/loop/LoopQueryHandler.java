package io.openloop.ledger.query.loop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.FindLoopByHandleQuery;
import io.openloop.ledger.messages.loop.FindLoopProfileQuery;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.ListLoopTreeQuery;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopProfile;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.VerificationStatus;
import io.openloop.ledger.projection.loop.LoopReadModels;
import io.openloop.ledger.query.policy.TrustScores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Handles loop queries from the {@code loops} read model, by id or by unique handle. */
@Component
class LoopQueryHandler {

    private final MongoCollection<Document> loops;
    private final TrustScores trust;

    LoopQueryHandler(MongoDatabase database, TrustScores trust) {
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.trust = trust;
    }

    @QueryHandler
    LoopView handle(FindLoopQuery query) {
        Document loop = loops.find(Filters.eq("_id", query.loopId())).first();
        if (loop == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND, "loop " + query.loopId() + " not found", Map.of("loopId", query.loopId()));
        }
        return LoopDocuments.toView(loop);
    }

    @QueryHandler
    List<String> handle(ListLoopTreeQuery query) {
        if (loops.find(Filters.eq("_id", query.loopId())).first() == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        ids.add(query.loopId());
        // Every descendant lists the loop among its ancestors, which never change.
        for (Document descendant :
                loops.find(Filters.eq("ancestors", query.loopId())).projection(new Document("_id", 1))) {
            ids.add(descendant.getString("_id"));
        }
        return ids;
    }

    @QueryHandler
    LoopProfile handle(FindLoopProfileQuery query) {
        LoopView view = loopWithHandle(query.handle());
        boolean verified = view.kind() == LoopKind.BUSINESS && view.verification() == VerificationStatus.VERIFIED;
        int trustScore = trust.scoreOf(view.loopId());
        return new LoopProfile(view.handle(), view.displayName(), view.kind(), verified, trustScore);
    }

    @QueryHandler
    LoopView handle(FindLoopByHandleQuery query) {
        return loopWithHandle(query.handle());
    }

    private LoopView loopWithHandle(Handle handle) {
        Document loop = loops.find(Filters.eq("handle", handle.value())).first();
        if (loop == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND, "no loop has the handle " + handle, Map.of("handle", handle.value()));
        }
        return LoopDocuments.toView(loop);
    }
}
