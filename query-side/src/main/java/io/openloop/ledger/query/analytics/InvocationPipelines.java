package io.openloop.ledger.query.analytics;

import static io.openloop.ledger.query.analytics.AnalyticsFilters.countIf;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.analytics.InvocationGrouping;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.Document;

/**
 * The aggregation pipelines over {@code analytics_invocations}. They use only stages and operators that both MongoDB
 * 7 and the in-process store run: {@code $match}, {@code $sort}, {@code $group} with {@code $sum}, {@code $first} and
 * {@code $push}, and {@code $project} with arithmetic, {@code $cond}, {@code $size} and {@code $arrayElemAt}.
 */
final class InvocationPipelines {

    static final List<String> RESULT_STATUSES = List.of(
            InvocationStatus.SUCCEEDED.name(), InvocationStatus.FAILED.name(), InvocationStatus.SIMULATED.name());

    private static final List<String> OPEN_STATUSES = List.of(
            InvocationStatus.REQUESTED.name(),
            InvocationStatus.AWAITING_APPROVAL.name(),
            InvocationStatus.PENDING.name());

    private InvocationPipelines() {}

    /** Returns the {@code $match} on the invoking loops, the period of the request and the execution mode. */
    static Document match(List<String> loopIds, Instant from, Instant to, ExecutionMode mode) {
        Document filter = AnalyticsFilters.match("loopId", loopIds, "requestedAt", from, to);
        if (mode != null) {
            filter.append("executionMode", mode.wireName());
        }
        return new Document("$match", filter);
    }

    /**
     * Returns the pipeline of invocation figures grouped by {@code grouping}, sorted by key; a null grouping puts every
     * invocation in one group with a null key, the total.
     */
    static List<Document> figures(Document match, InvocationGrouping grouping) {
        Document group = new Document("_id", grouping == null ? null : "$" + groupField(grouping))
                .append("toolName", new Document("$first", grouping == InvocationGrouping.TOOL ? "$toolName" : null))
                .append("count", new Document("$sum", 1))
                .append("succeeded", countIf(statusIs(InvocationStatus.SUCCEEDED)))
                .append("failed", countIf(statusIs(InvocationStatus.FAILED)))
                .append("denied", countIf(statusIs(InvocationStatus.DENIED)))
                .append("blocked", countIf(statusIs(InvocationStatus.BLOCKED)))
                .append("rejected", countIf(statusIs(InvocationStatus.REJECTED)))
                .append("expired", countIf(statusIs(InvocationStatus.EXPIRED)))
                .append("simulated", countIf(statusIs(InvocationStatus.SIMULATED)))
                .append("open", countIf(new Document("$in", List.of("$status", OPEN_STATUSES))))
                .append("approvalRequested", countIf(new Document("$eq", List.of("$approvalRequested", true))))
                .append("approved", countIf(new Document("$eq", List.of("$approved", true))))
                .append("creditsCharged", new Document("$sum", "$credits"));

        Document rates = new Document();
        for (String field : List.of(
                "toolName",
                "count",
                "succeeded",
                "failed",
                "denied",
                "blocked",
                "rejected",
                "expired",
                "simulated",
                "open",
                "approvalRequested",
                "approved",
                "creditsCharged")) {
            rates.append(field, 1);
        }
        rates.append("successRate", ratio("$succeeded", new Document("$add", List.of("$succeeded", "$failed"))))
                .append("approvalRate", ratio("$approved", "$approvalRequested"));

        return List.of(
                match,
                new Document("$group", group),
                new Document("$project", rates),
                new Document("$sort", new Document("_id", 1)));
    }

    /**
     * Returns the pipeline of duration percentiles: per tool sorted by tool id when {@code perTool}, otherwise one
     * group with a null {@code _id}. See {@link Percentiles} for the method.
     */
    static List<Document> durations(Document match, boolean perTool) {
        Document withResult = new Document(
                "$match",
                new Document("status", new Document("$in", RESULT_STATUSES))
                        .append("durationMs", new Document("$ne", null)));
        Document sort = perTool ? new Document("toolId", 1).append("durationMs", 1) : new Document("durationMs", 1);
        Document group = new Document("_id", perTool ? "$toolId" : null)
                .append("toolName", new Document("$first", perTool ? "$toolName" : null))
                .append("durations", new Document("$push", "$durationMs"));
        Document percentiles = new Document("toolName", 1)
                .append("count", new Document("$size", "$durations"))
                .append("p50Ms", Percentiles.nearestRank("$durations", 50))
                .append("p95Ms", Percentiles.nearestRank("$durations", 95));

        List<Document> pipeline = new ArrayList<>(List.of(
                match,
                withResult,
                new Document(
                        "$project",
                        new Document("toolId", 1).append("toolName", 1).append("durationMs", 1)),
                new Document("$sort", sort),
                new Document("$group", group),
                new Document("$project", percentiles)));
        if (perTool) {
            pipeline.add(new Document("$sort", new Document("_id", 1)));
        }
        return pipeline;
    }

    private static String groupField(InvocationGrouping grouping) {
        return switch (grouping) {
            case TOOL -> "toolId";
            case DOMAIN -> "domain";
            case DAY -> "day";
        };
    }

    private static Document statusIs(InvocationStatus status) {
        return new Document("$eq", List.of("$status", status.name()));
    }

    /** Returns {@code numerator / denominator}, or null when the denominator is 0. */
    private static Document ratio(String numerator, Object denominator) {
        return new Document(
                "$cond",
                Arrays.asList(
                        new Document("$eq", List.of(denominator, 0)),
                        null,
                        new Document("$divide", List.of(numerator, denominator))));
    }
}
