package io.openloop.ledger.command.loop;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.Handle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handle claims kept in the {@code handles} collection, one document per handle with the handle as {@code _id}, so
 * that the unique primary key decides races between two registrations on any MongoDB.
 *
 * <p>A claim is written before the loop's first event. If the unit of work rolls back, the claim is released. If the
 * process dies between the two writes, the claim points at a loop that has no events; such an orphan is taken over by
 * the next registration once it is older than {@link #ORPHAN_AGE}.
 */
public class MongoHandleRegistry implements HandleRegistry {

    /** How long a claim without a loop behind it is protected, to cover a registration still in flight. */
    static final Duration ORPHAN_AGE = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(MongoHandleRegistry.class);

    private final MongoCollection<Document> handles;
    private final EventStore eventStore;
    private final Clock clock;

    public MongoHandleRegistry(MongoDatabase database, EventStore eventStore, Clock clock) {
        this.handles = database.getCollection("handles");
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @Override
    public void claim(Handle handle, String loopId) {
        Instant now = clock.instant();
        try {
            handles.insertOne(
                    new Document("_id", handle.value()).append("loopId", loopId).append("claimedAt", Date.from(now)));
            releaseOnRollback(handle, loopId);
            return;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }

        Document existing = handles.find(Filters.eq("_id", handle.value())).first();
        if (existing == null) {
            // Released between our insert and our read: try once more.
            claim(handle, loopId);
            return;
        }
        String holder = existing.getString("loopId");
        if (loopId.equals(holder)) {
            return;
        }
        if (isOrphan(existing, now)) {
            takeOver(handle, holder, loopId, now);
            return;
        }
        throw taken(handle);
    }

    private boolean isOrphan(Document claim, Instant now) {
        Instant claimedAt = claim.getDate("claimedAt").toInstant();
        if (claimedAt.isAfter(now.minus(ORPHAN_AGE))) {
            return false;
        }
        return eventStore.lastSequenceNumberFor(claim.getString("loopId")).isEmpty();
    }

    private void takeOver(Handle handle, String orphanLoopId, String loopId, Instant now) {
        var result = handles.updateOne(
                Filters.and(Filters.eq("_id", handle.value()), Filters.eq("loopId", orphanLoopId)),
                new Document("$set", new Document("loopId", loopId).append("claimedAt", Date.from(now))));
        if (result.getModifiedCount() == 0) {
            throw taken(handle);
        }
        log.warn(
                "Took over handle {} from loop {}, which was never registered; now claimed by loop {}",
                handle,
                orphanLoopId,
                loopId);
        releaseOnRollback(handle, loopId);
    }

    private void releaseOnRollback(Handle handle, String loopId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        CurrentUnitOfWork.get().onRollback(unitOfWork -> {
            handles.deleteOne(Filters.and(Filters.eq("_id", handle.value()), Filters.eq("loopId", loopId)));
            log.info("Released handle {} after registration of loop {} rolled back", handle, loopId);
        });
    }

    private static LedgerException taken(Handle handle) {
        return new LedgerException(
                ErrorCode.HANDLE_TAKEN,
                "handle " + handle + " is taken; choose another handle",
                Map.of("handle", handle.value()));
    }
}
