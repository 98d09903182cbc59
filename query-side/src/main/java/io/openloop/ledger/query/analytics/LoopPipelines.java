package io.openloop.ledger.query.analytics;

import static io.openloop.ledger.query.analytics.AnalyticsFilters.countIf;

import io.openloop.ledger.projection.trust.TrustReadModels;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/** The aggregation pipelines over loops and proofs, with stages that both MongoDB 7 and the in-process store run. */
final class LoopPipelines {

    private LoopPipelines() {}

    // NOTE: the $lookup brings each loop's whole trust document, outcome list included, into the pipeline. MongoDB 5+
    // can project it inside the $lookup with a sub-pipeline, but the in-process store rejects localField and
    // foreignField next to a sub-pipeline (FailedToParse), so the join stays in its plain form.
    /**
     * Returns the pipeline that counts the loops {@code loopMatch} selects per trust bucket: each loop's stored score,
     * or {@code noHistory} when it has no trust document, grouped by {@code $bucket} with the lower bound as {@code
     * _id}. The last boundary is 101, so the bucket from 90 includes 100.
     */
    static List<Document> trustBuckets(Document loopMatch, int noHistory) {
        List<Integer> boundaries = new ArrayList<>();
        for (int bound = 0;
                bound < LoopAnalyticsQueryHandler.MAX_SCORE;
                bound += LoopAnalyticsQueryHandler.BUCKET_WIDTH) {
            boundaries.add(bound);
        }
        boundaries.add(LoopAnalyticsQueryHandler.MAX_SCORE + 1);

        Document lookup = new Document("from", TrustReadModels.TRUST_SCORES)
                .append("localField", "_id")
                .append("foreignField", "_id")
                .append("as", "trust");
        Document score = new Document("score", new Document("$ifNull", List.of("$trust.score", noHistory)));
        Document bucket = new Document("groupBy", "$score")
                .append("boundaries", boundaries)
                .append("output", new Document("loops", new Document("$sum", 1)));
        return List.of(
                new Document("$match", loopMatch),
                new Document("$project", new Document("_id", 1)),
                new Document("$lookup", lookup),
                new Document("$unwind", new Document("path", "$trust").append("preserveNullAndEmptyArrays", true)),
                new Document("$project", score),
                new Document("$bucket", bucket));
    }

    /** Returns the pipeline that counts proofs and disputed proofs per submitting loop and current level. */
    static List<Document> proofsByLevel(Document match) {
        Document key = new Document("loopId", "$submittedByLoopId").append("level", "$level");
        Document group = new Document("_id", key)
                .append("proofs", new Document("$sum", 1))
                .append("disputed", countIf(new Document("$eq", List.of("$disputed", true))));
        return List.of(match, new Document("$group", group));
    }

    /**
     * Returns the pipeline that counts subjects per submitting loop at the highest level of that loop's proofs of the
     * subject. Level names V0 to V5 sort as the levels do, so {@code $max} of the names is the highest level.
     */
    static List<Document> subjectsByLevel(Document match) {
        Document subject = new Document("loopId", "$submittedByLoopId")
                .append("subjectType", "$subjectType")
                .append("subjectId", "$subjectId");
        Document highest = new Document("_id", subject).append("level", new Document("$max", "$level"));
        Document byLevel = new Document("_id", new Document("loopId", "$_id.loopId").append("level", "$level"))
                .append("subjects", new Document("$sum", 1));
        return List.of(match, new Document("$group", highest), new Document("$group", byLevel));
    }
}
