package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/**
 * The {@value #COLLECTION} collection: the last replay of each projection, keyed by processing group, so its status
 * survives a restart and every node that shares the database reads it.
 */
final class ReplayRecords {

    static final String COLLECTION = "projection_replays";

    private final MongoCollection<Document> records;

    ReplayRecords(MongoDatabase database) {
        this.records = database.getCollection(COLLECTION);
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
                .append("error", status.error());
        records.replaceOne(Filters.eq("_id", status.name()), document, new ReplaceOptions().upsert(true));
    }

    ReplayStatus find(String name) {
        Document document = records.find(Filters.eq("_id", name)).first();
        return document == null ? null : status(document);
    }

    /** Returns the replays recorded as running or swapping. */
    List<ReplayStatus> active() {
        List<ReplayStatus> active = new ArrayList<>();
        for (Document document :
                records.find(Filters.in("state", ReplayState.RUNNING.name(), ReplayState.SWAPPING.name()))) {
            active.add(status(document));
        }
        return active;
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
