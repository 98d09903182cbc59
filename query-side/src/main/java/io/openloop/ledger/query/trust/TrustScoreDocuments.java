package io.openloop.ledger.query.trust;

import io.openloop.ledger.messages.trust.TrustComponents;
import io.openloop.ledger.messages.trust.TrustPoint;
import io.openloop.ledger.messages.trust.TrustScoreView;
import io.openloop.ledger.projection.trust.TrustModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/** Converts {@code trust_scores} documents into views. */
final class TrustScoreDocuments {

    private TrustScoreDocuments() {}

    /** Returns the view of a loop with no document: 50, alpha and beta 1, no outcomes and no history. */
    static TrustScoreView noHistory(String loopId) {
        TrustComponents components = TrustModel.noHistory();
        return new TrustScoreView(
                loopId, TrustModel.score(components), components, TrustModel.HALF_LIFE_DAYS, null, List.of());
    }

    static TrustScoreView toView(Document doc) {
        Document stored = doc.get("components", Document.class);
        Map<String, Double> contributions = new TreeMap<>();
        stored.get("contributions", Document.class)
                .forEach((cause, amount) -> contributions.put(cause, ((Number) amount).doubleValue()));
        TrustComponents components = new TrustComponents(
                stored.getDouble("alpha"),
                stored.getDouble("beta"),
                stored.getDouble("positive"),
                stored.getDouble("negative"),
                contributions,
                stored.getLong("outcomes"));

        List<TrustPoint> history = new ArrayList<>();
        for (Document point : doc.getList("history", Document.class)) {
            history.add(new TrustPoint(
                    point.getInteger("score"),
                    point.getString("cause"),
                    point.getString("subjectId"),
                    point.getDate("at").toInstant()));
        }
        Date asOf = doc.getDate("asOf");
        return new TrustScoreView(
                doc.getString("_id"),
                doc.getInteger("score"),
                components,
                doc.getDouble("halfLifeDays"),
                asOf == null ? null : asOf.toInstant(),
                history);
    }
}
