package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores one group-commit batch: one counter update for all its events, one unordered {@code insertMany}, and a
 * per-commit outcome.
 *
 * <p>A duplicate key on a stream key means another writer stored that aggregate sequence number first: the commit
 * fails with Axon's {@link ConcurrencyException} ({@link AggregateStreamCreationException} when it would have created
 * the aggregate, as Axon's own storage engines do). A duplicate key on positions alone is not a conflict (the counter
 * was behind, or a reader fenced the position): the commit is retried at new positions. Every position of a failed
 * or moved commit gets a void document at once, so tracking readers need not wait for the gap timeout.
 */
final class BatchInserter {

    static final int MAX_ATTEMPTS = 5;
    private static final int MAX_IN_VALUES = 1000;

    private static final Logger logger = LoggerFactory.getLogger(BatchInserter.class);

    private final MongoCollection<Document> events;
    private final PositionCounter counter;
    private final ChainHeads chainHeads;
    private final VoidWriter voids;
    private final Clock clock;
    private final Consumer<List<Document>> beforeInsert;

    BatchInserter(
            MongoCollection<Document> events,
            PositionCounter counter,
            ChainHeads chainHeads,
            VoidWriter voids,
            Clock clock,
            Consumer<List<Document>> beforeInsert) {
        this.events = events;
        this.counter = counter;
        this.chainHeads = chainHeads;
        this.voids = voids;
        this.clock = clock;
        this.beforeInsert = beforeInsert;
    }

    /** Stores the commits, retrying those that lost their positions, and records each slot's outcome. */
    void insert(List<CommitSlot> slots) {
        List<CommitSlot> pending = slots;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                logger.warn(
                        "Positions {} were already taken; storing the commits of streams {} at new positions"
                                + " (attempt {} of {})",
                        pending.stream().map(CommitSlot::firstPosition).toList(),
                        pending.stream().map(slot -> slot.commit().stream()).toList(),
                        attempt,
                        MAX_ATTEMPTS);
            }
            pending = insertOnce(pending);
        }

        for (CommitSlot slot : pending) {
            slot.fail(new EventStoreException("Could not store the events of stream [" + slot.commit().stream()
                    + "]: all " + MAX_ATTEMPTS + " sets of positions allocated for them were already taken. The"
                    + " position counter may be behind the events collection; set its 'next' field above the highest"
                    + " stored position."));
        }
    }

    /** Makes one attempt and returns the slots that must be retried at new positions. */
    private List<CommitSlot> insertOnce(List<CommitSlot> slots) {
        int total = 0;
        for (CommitSlot slot : slots) {
            total += slot.commit().size();
        }

        long next = counter.allocate(total);
        Instant now = clock.instant();
        List<Document> documents = new ArrayList<>(slots.size());
        for (CommitSlot slot : slots) {
            slot.assignPositions(next);
            documents.add(slot.commit().toDocument(next, now));
            next += slot.commit().size();
        }

        Map<Integer, BulkWriteError> errors = new HashMap<>();
        try {
            beforeInsert.accept(documents);
            events.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                errors.put(error.getIndex(), error);
            }
        } catch (RuntimeException e) {
            resolveUnknownOutcome(slots, e);
            return List.of();
        }

        return recordOutcomes(slots, errors);
    }

    private List<CommitSlot> recordOutcomes(List<CommitSlot> slots, Map<Integer, BulkWriteError> errors) {
        List<CommitSlot> duplicates = new ArrayList<>();
        List<CommitSlot> failed = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            CommitSlot slot = slots.get(i);
            BulkWriteError error = errors.get(i);
            if (error == null) {
                slot.markStored();
                PendingCommit commit = slot.commit();
                chainHeads.remember(
                        commit.stream(),
                        commit.last().sequenceNumber(),
                        commit.last().hash());
            } else if (error.getCategory() == ErrorCategory.DUPLICATE_KEY) {
                duplicates.add(slot);
                failed.add(slot);
            } else {
                slot.fail(new EventStoreException("Failed to store the events of stream [" + slot.commit().stream()
                        + "] at position " + slot.firstPosition() + ": " + error.getMessage()));
                failed.add(slot);
            }
        }

        List<CommitSlot> retry = new ArrayList<>();
        if (!duplicates.isEmpty()) {
            Set<String> takenKeys;
            try {
                takenKeys = takenStreamKeys(duplicates);
            } catch (MongoException e) {
                for (CommitSlot slot : duplicates) {
                    slot.fail(new EventStoreException(
                            "Failed to store the events of stream [" + slot.commit().stream()
                                    + "]: a unique key was already taken, and looking up which one failed",
                            e));
                }
                takenKeys = Set.of();
                duplicates = List.of();
            }
            for (CommitSlot slot : duplicates) {
                if (slot.commit().streamKeys().stream().anyMatch(takenKeys::contains)) {
                    slot.fail(conflict(slot.commit()));
                } else {
                    retry.add(slot);
                }
            }
        }

        voids.markVoid(positionsOf(failed), CommitDocuments.VOID_ABORTED);
        return retry;
    }

    /** Returns the stream keys of the slots that another document already contains. */
    private Set<String> takenStreamKeys(List<CommitSlot> slots) {
        List<String> keys = new ArrayList<>();
        for (CommitSlot slot : slots) {
            keys.addAll(slot.commit().streamKeys());
        }

        Set<String> requested = new HashSet<>(keys);
        Set<String> alreadyStored = new HashSet<>();
        for (int from = 0; from < keys.size(); from += MAX_IN_VALUES) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + MAX_IN_VALUES));
            for (Document document : events.find(in(CommitDocuments.KEYS, chunk))
                    .projection(Projections.include(CommitDocuments.KEYS))) {
                for (String key : document.getList(CommitDocuments.KEYS, String.class)) {
                    if (requested.contains(key)) {
                        alreadyStored.add(key);
                    }
                }
            }
        }
        return alreadyStored;
    }

    /**
     * Settles a batch whose insert failed without per-document errors, for example after a lost connection. Void
     * documents first make sure no late insert can still land, then a lookup by first position shows which commits are
     * stored.
     */
    private void resolveUnknownOutcome(List<CommitSlot> slots, RuntimeException cause) {
        logger.warn(
                "Insert of {} commits failed with an unknown outcome; checking which were stored", slots.size(), cause);
        try {
            voids.markVoid(positionsOf(slots), CommitDocuments.VOID_ABORTED);

            List<Long> firstPositions = new ArrayList<>();
            for (CommitSlot slot : slots) {
                firstPositions.add(slot.firstPosition());
            }
            Map<Long, Document> found = new HashMap<>();
            for (Document document : events.find(in(CommitDocuments.ID, firstPositions))) {
                found.put(CommitDocuments.firstPosition(document), document);
            }

            for (CommitSlot slot : slots) {
                Document document = found.get(slot.firstPosition());
                if (document != null
                        && !CommitDocuments.isVoid(document)
                        && slot.commit()
                                .first()
                                .eventId()
                                .equals(CommitDocuments.events(document).get(0).getString(CommitDocuments.EVENT_ID))) {
                    slot.markStored();
                } else {
                    slot.fail(new EventStoreException(
                            "Failed to store the events of stream [" + slot.commit().stream() + "]: "
                                    + cause.getMessage(),
                            cause));
                }
            }
        } catch (MongoException e) {
            for (CommitSlot slot : slots) {
                slot.fail(new EventStoreException(
                        "The outcome of storing the events of stream [" + slot.commit().stream()
                                + "] is unknown: the insert failed (" + cause.getMessage() + ") and the store could"
                                + " not be asked afterwards. Reload the aggregate to see whether they were stored.",
                        e));
            }
        }
    }

    private static List<Long> positionsOf(List<CommitSlot> slots) {
        List<Long> positions = new ArrayList<>();
        for (CommitSlot slot : slots) {
            for (int i = 0; i < slot.commit().size(); i++) {
                positions.add(slot.firstPosition() + i);
            }
        }
        return positions;
    }

    private static RuntimeException conflict(PendingCommit commit) {
        if (!commit.aggregateStream()) {
            return new ConcurrencyException("Event [" + commit.stream() + "] is already stored.");
        }

        String message = "An event of aggregate [" + commit.stream() + "] with sequence number ["
                + commit.firstSequenceNumber() + ".." + commit.last().sequenceNumber() + "] is already stored:"
                + " another writer appended to this aggregate first. Reload the aggregate and retry the command.";
        if (commit.firstSequenceNumber() == 0) {
            return new AggregateStreamCreationException(message);
        }
        return new ConcurrencyException(message);
    }
}
