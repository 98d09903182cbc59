package io.openloop.ledger.query.trust;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.trust.FindTrustScoreQuery;
import io.openloop.ledger.messages.trust.TrustScoreView;
import io.openloop.ledger.projection.trust.TrustReadModels;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Handles trust score queries from {@value TrustReadModels#TRUST_SCORES}. */
@Component
class TrustQueryHandler {

    private final MongoCollection<Document> scores;

    TrustQueryHandler(MongoDatabase database) {
        this.scores = database.getCollection(TrustReadModels.TRUST_SCORES);
    }

    /** Returns the loop's stored score, or 50 with no outcomes for a loop the read model has no document for. */
    @QueryHandler
    TrustScoreView handle(FindTrustScoreQuery query) {
        Document doc = scores.find(Filters.eq("_id", query.loopId())).first();
        return doc == null ? TrustScoreDocuments.noHistory(query.loopId()) : TrustScoreDocuments.toView(doc);
    }
}
