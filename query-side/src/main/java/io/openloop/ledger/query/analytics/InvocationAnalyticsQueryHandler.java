package io.openloop.ledger.query.analytics;

import static io.openloop.ledger.query.analytics.AnalyticsFilters.nullableDouble;
import static io.openloop.ledger.query.analytics.AnalyticsFilters.nullableNumber;
import static io.openloop.ledger.query.analytics.AnalyticsFilters.number;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.analytics.DurationFigures;
import io.openloop.ledger.messages.analytics.FindInvocationAnalyticsQuery;
import io.openloop.ledger.messages.analytics.FindInvocationDurationsQuery;
import io.openloop.ledger.messages.analytics.InvocationAnalyticsView;
import io.openloop.ledger.messages.analytics.InvocationDurationsView;
import io.openloop.ledger.messages.analytics.InvocationFigures;
import io.openloop.ledger.projection.analytics.AnalyticsReadModels;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Handles invocation analytics with aggregation pipelines over {@value AnalyticsReadModels#INVOCATIONS}: the counting,
 * summing, rates and percentiles all run in the store, and Java only converts the few result documents.
 */
@Component
class InvocationAnalyticsQueryHandler {

    private final MongoCollection<Document> invocations;

    InvocationAnalyticsQueryHandler(MongoDatabase database) {
        this.invocations = database.getCollection(AnalyticsReadModels.INVOCATIONS);
    }

    @QueryHandler
    InvocationAnalyticsView handle(FindInvocationAnalyticsQuery query) {
        Document match = InvocationPipelines.match(query.loopIds(), query.from(), query.to(), query.mode());

        List<InvocationFigures> groups = new ArrayList<>();
        for (Document group : invocations.aggregate(InvocationPipelines.figures(match, query.groupBy()))) {
            groups.add(figures(group));
        }
        Document total =
                invocations.aggregate(InvocationPipelines.figures(match, null)).first();
        InvocationFigures totalFigures = total == null ? empty() : figures(total);
        return new InvocationAnalyticsView(query.from(), query.to(), query.groupBy(), groups, totalFigures);
    }

    @QueryHandler
    InvocationDurationsView handle(FindInvocationDurationsQuery query) {
        Document match = InvocationPipelines.match(query.loopIds(), query.from(), query.to(), query.mode());

        Document overall = invocations
                .aggregate(InvocationPipelines.durations(match, false))
                .first();
        List<DurationFigures> tools = new ArrayList<>();
        for (Document tool : invocations.aggregate(InvocationPipelines.durations(match, true))) {
            tools.add(durations(tool));
        }
        DurationFigures overallFigures =
                overall == null ? new DurationFigures(null, null, 0, null, null) : durations(overall);
        return new InvocationDurationsView(query.from(), query.to(), overallFigures, tools);
    }

    private static InvocationFigures figures(Document group) {
        return new InvocationFigures(
                group.get("_id") == null ? null : String.valueOf(group.get("_id")),
                group.getString("toolName"),
                number(group, "count"),
                number(group, "succeeded"),
                number(group, "failed"),
                number(group, "denied"),
                number(group, "blocked"),
                number(group, "rejected"),
                number(group, "expired"),
                number(group, "simulated"),
                number(group, "open"),
                number(group, "approvalRequested"),
                number(group, "approved"),
                number(group, "creditsCharged"),
                nullableDouble(group, "successRate"),
                nullableDouble(group, "approvalRate"));
    }

    private static InvocationFigures empty() {
        return new InvocationFigures(null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
    }

    private static DurationFigures durations(Document group) {
        return new DurationFigures(
                group.getString("_id"),
                group.getString("toolName"),
                number(group, "count"),
                nullableNumber(group, "p50Ms"),
                nullableNumber(group, "p95Ms"));
    }
}
