package io.openloop.ledger.query.analytics;

import static io.openloop.ledger.query.analytics.AnalyticsFilters.number;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.analytics.FindTrustDistributionQuery;
import io.openloop.ledger.messages.analytics.FindVerificationLevelsQuery;
import io.openloop.ledger.messages.analytics.LoopVerificationLevels;
import io.openloop.ledger.messages.analytics.TrustBucket;
import io.openloop.ledger.messages.analytics.TrustDistributionView;
import io.openloop.ledger.messages.analytics.VerificationLevelsView;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.projection.loop.LoopReadModels;
import io.openloop.ledger.projection.proof.ProofReadModels;
import io.openloop.ledger.projection.trust.TrustModel;
import io.openloop.ledger.projection.trust.TrustReadModels;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Handles the analytics of loops with aggregation pipelines: the trust score distribution over {@value
 * LoopReadModels#LOOPS} joined to {@value TrustReadModels#TRUST_SCORES}, and verification levels over {@value
 * ProofReadModels#PROOFS}.
 */
@Component
class LoopAnalyticsQueryHandler {

    static final int BUCKET_WIDTH = 10;
    static final int MAX_SCORE = 100;

    private static final int NO_HISTORY = TrustModel.score(TrustModel.noHistory());

    private final MongoCollection<Document> loops;
    private final MongoCollection<Document> proofs;

    LoopAnalyticsQueryHandler(MongoDatabase database) {
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.proofs = database.getCollection(ProofReadModels.PROOFS);
    }

    /** Counts loops per bucket in the store and fills in the empty buckets, which {@code $bucket} leaves out. */
    @QueryHandler
    TrustDistributionView handle(FindTrustDistributionQuery query) {
        Document match = AnalyticsFilters.match("_id", query.loopIds(), "createdAt", query.from(), query.to());
        Map<Integer, Long> counts = new TreeMap<>();
        for (Document bucket : loops.aggregate(LoopPipelines.trustBuckets(match, NO_HISTORY))) {
            counts.put(((Number) bucket.get("_id")).intValue(), number(bucket, "loops"));
        }

        List<TrustBucket> buckets = new ArrayList<>();
        long total = 0;
        for (int from = 0; from < MAX_SCORE; from += BUCKET_WIDTH) {
            long count = counts.getOrDefault(from, 0L);
            buckets.add(new TrustBucket(from, from + BUCKET_WIDTH, count));
            total += count;
        }
        return new TrustDistributionView(query.from(), query.to(), total, buckets);
    }

    @QueryHandler
    VerificationLevelsView handle(FindVerificationLevelsQuery query) {
        Document match = new Document(
                "$match",
                AnalyticsFilters.match("submittedByLoopId", query.loopIds(), "attachedAt", query.from(), query.to()));

        Map<String, LevelCounts> byLoop = new TreeMap<>();
        for (Document row : proofs.aggregate(LoopPipelines.proofsByLevel(match))) {
            Document key = row.get("_id", Document.class);
            LevelCounts counts = byLoop.computeIfAbsent(key.getString("loopId"), loopId -> new LevelCounts());
            counts.proofs.put(VerificationLevel.valueOf(key.getString("level")), number(row, "proofs"));
            counts.disputed += number(row, "disputed");
        }
        for (Document row : proofs.aggregate(LoopPipelines.subjectsByLevel(match))) {
            Document key = row.get("_id", Document.class);
            LevelCounts counts = byLoop.computeIfAbsent(key.getString("loopId"), loopId -> new LevelCounts());
            counts.subjects.put(VerificationLevel.valueOf(key.getString("level")), number(row, "subjects"));
        }

        List<LoopVerificationLevels> levels = new ArrayList<>();
        byLoop.forEach((loopId, counts) ->
                levels.add(new LoopVerificationLevels(loopId, counts.proofs, counts.subjects, counts.disputed)));
        return new VerificationLevelsView(query.from(), query.to(), levels);
    }

    /** One loop's counts while the rows of the two pipelines are merged; every level starts at 0. */
    private static final class LevelCounts {

        private final Map<VerificationLevel, Long> proofs = zeros();
        private final Map<VerificationLevel, Long> subjects = zeros();
        private long disputed;

        private static Map<VerificationLevel, Long> zeros() {
            Map<VerificationLevel, Long> counts = new EnumMap<>(VerificationLevel.class);
            for (VerificationLevel level : VerificationLevel.values()) {
                counts.put(level, 0L);
            }
            return counts;
        }
    }
}
