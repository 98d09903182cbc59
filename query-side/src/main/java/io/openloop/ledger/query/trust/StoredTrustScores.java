package io.openloop.ledger.query.trust;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.projection.trust.TrustModel;
import io.openloop.ledger.projection.trust.TrustReadModels;
import io.openloop.ledger.query.policy.TrustScores;
import org.bson.Document;
import org.springframework.stereotype.Component;

/** Reads loops' trust scores from {@value TrustReadModels#TRUST_SCORES}, for policy decisions and loop profiles. */
@Component
public class StoredTrustScores implements TrustScores {

    private static final int NO_HISTORY = TrustModel.score(TrustModel.noHistory());

    private final MongoCollection<Document> scores;

    public StoredTrustScores(MongoDatabase database) {
        this.scores = database.getCollection(TrustReadModels.TRUST_SCORES);
    }

    @Override
    public int scoreOf(String loopId) {
        Document doc = scores.find(Filters.eq("_id", loopId))
                .projection(new Document("score", 1))
                .first();
        return doc == null ? NO_HISTORY : doc.getInteger("score");
    }
}
