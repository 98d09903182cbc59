package io.openloop.ledger.api.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tracks when each key was last used without a write per request: uses are kept in memory and written to the
 * {@code key_usage} collection in one bulk write per interval, and on shutdown. A crash loses at most one interval of
 * {@code lastUsedAt} updates, which is only informational.
 */
@Component
public class KeyUsage {

    static final String COLLECTION = "key_usage";

    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);

    private final MongoCollection<Document> usage;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    KeyUsage(MongoDatabase database) {
        this.usage = database.getCollection(COLLECTION);
    }

    void record(String keyId, Instant at) {
        pending.merge(keyId, at, (old, now) -> now.isAfter(old) ? now : old);
    }

    /** Returns when the key was last used: the unwritten use on this node, or the stored one. */
    public Optional<Instant> lastUsedAt(String keyId) {
        Instant local = pending.get(keyId);
        if (local != null) {
            return Optional.of(local);
        }
        Document stored = usage.find(Filters.eq("_id", keyId)).first();
        return stored == null
                ? Optional.empty()
                : Optional.of(stored.getDate("lastUsedAt").toInstant());
    }

    @Scheduled(fixedDelayString = "${openloop.keys.usage-flush-interval:30s}")
    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Instant> flushed = new HashMap<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (String keyId : List.copyOf(pending.keySet())) {
            Instant at = pending.remove(keyId);
            if (at != null) {
                flushed.put(keyId, at);
                writes.add(new UpdateOneModel<>(
                        Filters.eq("_id", keyId),
                        Updates.max("lastUsedAt", Date.from(at)),
                        new UpdateOptions().upsert(true)));
            }
        }
        try {
            usage.bulkWrite(writes);
            log.debug("Wrote last-use times of {} keys", writes.size());
        } catch (RuntimeException e) {
            flushed.forEach(this::record);
            log.warn("Could not write last-use times of {} keys; they are retried at the next flush", writes.size(), e);
        }
    }

    @jakarta.annotation.PreDestroy
    void flushOnShutdown() {
        flush();
    }
}
