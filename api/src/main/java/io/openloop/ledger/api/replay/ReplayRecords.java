package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The {@value #COLLECTION} collection: the last replay of each projection, keyed by processing group, so its status
 * survives a restart and every node that shares the database reads it.
 *
 * <p>Each record names the node that runs the replay, and that node refreshes {@code heartbeatAt} while the replay is
 * active. A record whose heartbeat is older than the lease belongs to a node that stopped.
 */
final class ReplayRecords {

    static final String COLLECTION = "projection_replays";

    private final MongoCollection<Document> records;
    private final String nodeId;
    private final Clock clock;

    ReplayRecords(MongoDatabase database, String nodeId, Clock clock) {
        this.records = database.getCollection(COLLECTION);
        this.nodeId = nodeId;
        this.clock = clock;
    }

    void save(ReplayStatus status) {
        Document document = new Document("_id", status.name())
                .append("replayId", status.replayId())
                .append("state", status.state().name())
                .append("position", status.position())
                .append("headPosition", status.headPosition())
                .append("eventsApplied", status.eventsApplied())
                .append("eventsPerSecond", status.eventsPerSecond())
                .append("expectedEndAt", date(status.expectedEndAt()))
                .append("startedAt", date(status.startedAt()))
                .append("finishedAt", date(status.finishedAt()))
                .append("error", status.error())
                .append("node", nodeId)
                .append("heartbeatAt", Date.from(clock.instant()));
        records.replaceOne(Filters.eq("_id", status.name()), document, new ReplaceOptions().upsert(true));
    }

    ReplayStatus find(String name) {
        Document document = records.find(Filters.eq("_id", name)).first();
        return document == null ? null : status(document);
    }

    /** Returns the active replays whose node refreshed its heartbeat within the lease: they are still running. */
    List<ReplayStatus> activeElsewhere(Duration lease) {
        Date fresh = Date.from(clock.instant().minus(lease));
        List<ReplayStatus> alive = new ArrayList<>();
        for (Document document : records.find(Filters.and(
                Filters.in("state", ReplayState.RUNNING.name(), ReplayState.SWAPPING.name()),
                Filters.ne("node", nodeId),
                Filters.gte("heartbeatAt", fresh)))) {
            alive.add(status(document));
        }
        return alive;
    }

    /** Returns whether the record of an active replay was last refreshed before the lease, by this node or another. */
    static boolean isStale(Document document, Instant now, Duration lease) {
        Date heartbeat = document.getDate("heartbeatAt");
        return heartbeat == null || heartbeat.toInstant().isBefore(now.minus(lease));
    }

    /** Returns the active replays whose node stopped refreshing them. */
    List<ReplayStatus> abandoned(Duration lease) {
        Instant now = clock.instant();
        List<ReplayStatus> abandoned = new ArrayList<>();
        for (Document document :
                records.find(Filters.in("state", ReplayState.RUNNING.name(), ReplayState.SWAPPING.name()))) {
            if (isStale(document, now, lease)) {
                abandoned.add(status(document));
            }
        }
        return abandoned;
    }

    /** Refreshes the heartbeat of every active replay this node runs. */
    void heartbeat() {
        records.updateMany(
                Filters.and(
                        Filters.eq("node", nodeId),
                        Filters.in("state", ReplayState.RUNNING.name(), ReplayState.SWAPPING.name())),
                Updates.set("heartbeatAt", Date.from(clock.instant())));
    }

    private static ReplayStatus status(Document document) {
        Number position = document.get("position", Number.class);
        return new ReplayStatus(
                document.getString("_id"),
                document.getString("replayId"),
                ReplayState.valueOf(document.getString("state")),
                position == null ? null : position.longValue(),
                document.get("headPosition", Number.class).longValue(),
                document.get("eventsApplied", Number.class).longValue(),
                document.get("eventsPerSecond", Number.class).doubleValue(),
                instant(document.getDate("expectedEndAt")),
                instant(document.getDate("startedAt")),
                instant(document.getDate("finishedAt")),
                document.getString("error"));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
