package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the documents that a replay changes in its {@link StagingStore} to the shadow collections of the real
 * database while the replay goes on, on a thread of its own, in ordered bulk writes of up to {@value #BATCH}
 * documents. The real store then takes the writes while the replay applies the next events, instead of after the last
 * one. A document is inserted the first time and replaced when it changed again; one removed from the staging store is
 * deleted. {@link #finish()} writes what is left and copies whole every collection that a write changed in ways not
 * known by {@code _id}.
 */
final class ShadowWriter implements AutoCloseable {

    static final int BATCH = 1000;
    private static final long IDLE_MILLIS = 50;

    private static final Logger log = LoggerFactory.getLogger(ShadowWriter.class);

    private final StagingStore staging;
    private final MongoDatabase target;
    private final String replayId;
    private final Map<String, Set<Object>> written = new HashMap<>();
    private final Thread thread;

    private volatile boolean stopping;
    private volatile Throwable failure;
    private long documentsWritten;

    ShadowWriter(StagingStore staging, MongoDatabase target, String replayId) {
        this.staging = staging;
        this.target = target;
        this.replayId = replayId;
        this.thread = new Thread(this::writeUntilStopped, "replay-shadow-writer");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Throws the failure of the writing thread, if it failed, so that the replay fails with it. */
    void rethrowFailure() {
        Throwable failed = failure;
        if (failed != null) {
            throw new IllegalStateException("Writing the shadow collections failed: " + failed.getMessage(), failed);
        }
    }

    /** How many documents a writer wrote while the replay applied events, and how many at the cut-over. */
    record Written(long whileApplying, long atCutOver) {}

    /**
     * Stops the writing thread, then writes every change it has not written yet and copies the collections marked
     * whole.
     */
    Written finish() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.MINUTES.toMillis(10));
        if (thread.isAlive()) {
            throw new IllegalStateException("The shadow writer did not stop within 10 minutes");
        }
        rethrowFailure();
        long during = documentsWritten;
        long atEnd = 0;
        long flushed;
        do {
            flushed = writeChanges();
            atEnd += flushed;
        } while (flushed > 0);
        for (String collection : staging.changes().wholeCollections()) {
            target.getCollection(collection).drop();
            target.createCollection(collection);
            atEnd += staging.copy(collection, target.getCollection(collection, RawBsonDocument.class));
        }
        return new Written(during, atEnd);
    }

    private void writeUntilStopped() {
        try {
            while (!stopping) {
                if (writeChanges() == 0) {
                    Thread.sleep(IDLE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            log.error("Replay {} could not write its shadow collections", replayId, e);
            failure = e;
        }
    }

    /** Writes the documents changed since the last call, and returns how many writes it sent. */
    long writeChanges() {
        long count = 0;
        for (Map.Entry<String, Set<Object>> entry : staging.changes().drain().entrySet()) {
            String collection = entry.getKey();
            if (staging.changes().isWhole(collection)) {
                continue;
            }
            count += write(collection, entry.getValue());
        }
        documentsWritten += count;
        return count;
    }

    private long write(String collection, Set<Object> ids) {
        Set<Object> inShadow = written.computeIfAbsent(collection, name -> new HashSet<>());
        List<WriteModel<RawBsonDocument>> inserts = new ArrayList<>();
        List<WriteModel<RawBsonDocument>> others = new ArrayList<>();
        for (Object id : ids) {
            RawBsonDocument document = staging.findById(collection, id);
            if (document != null) {
                if (inShadow.add(id)) {
                    inserts.add(new InsertOneModel<>(document));
                } else {
                    BsonDocument filter = new BsonDocument("_id", document.get("_id"));
                    others.add(new ReplaceOneModel<>(filter, document));
                }
            } else if (inShadow.remove(id)) {
                others.add(new DeleteOneModel<>(new BsonDocument("_id", staging.toBsonValue(id))));
            }
        }
        MongoCollection<RawBsonDocument> shadow = target.getCollection(collection, RawBsonDocument.class);
        inserts.addAll(others);
        for (int from = 0; from < inserts.size(); from += BATCH) {
            List<WriteModel<RawBsonDocument>> batch = inserts.subList(from, Math.min(from + BATCH, inserts.size()));
            shadow.bulkWrite(batch, new BulkWriteOptions().ordered(true));
        }
        return inserts.size();
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(TimeUnit.MINUTES.toMillis(1));
    }
}
