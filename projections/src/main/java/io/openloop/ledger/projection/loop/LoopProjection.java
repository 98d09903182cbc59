package io.openloop.ledger.projection.loop;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code loops} read model: one document per loop, keyed by loop id.
 *
 * <p>Each document records in {@code version} the sequence number of the last event applied to it, and an event at
 * or below that version is skipped. That makes the projection idempotent, so an event delivered again after a crash
 * between the write and the token update changes nothing. Writes filter on {@code _id} alone because the in-process
 * store serves only such filters from an index.
 */
@Component
@ProcessingGroup(LoopProjection.PROCESSING_GROUP)
class LoopProjection {

    static final String PROCESSING_GROUP = "loops";
    static final String COLLECTION = "loops";

    private static final Logger log = LoggerFactory.getLogger(LoopProjection.class);

    private final MongoCollection<Document> loops;

    LoopProjection(MongoDatabase database) {
        this.loops = database.getCollection(COLLECTION);
        loops.createIndexes(indexes());
    }

    /** Indexes of the {@code loops} collection: handles are unique, and profiles are looked up by handle. */
    static List<IndexModel> indexes() {
        return List.of(new IndexModel(Indexes.ascending("handle"), new IndexOptions().unique(true)));
    }

    @EventHandler
    void on(LoopRegisteredEvent event, @SequenceNumber long sequence) {
        Document loop = new Document("_id", event.loopId())
                .append("handle", event.handle().value())
                .append("displayName", event.displayName())
                .append("kind", event.kind().wireName())
                .append("plan", event.plan().wireName())
                .append("status", LoopStatus.ACTIVE.wireName())
                .append("createdAt", Date.from(event.registeredAt()))
                .append("updatedAt", Date.from(event.registeredAt()))
                .append("version", sequence);
        try {
            loops.insertOne(loop);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            log.debug("Loop {} is already in the read model; skipped event at sequence {}", event.loopId(), sequence);
        }
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", COLLECTION);
        loops.deleteMany(new Document());
    }
}
