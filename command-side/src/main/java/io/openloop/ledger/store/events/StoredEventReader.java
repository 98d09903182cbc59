package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads stored events with their hashes for audits and exports: what each global position holds, in position order,
 * and the events of one stream, in sequence order.
 *
 * <p>Each read covers one window of positions with equality and {@code $in} queries on {@code _id} and {@code pos},
 * which unique indexes serve on every MongoDB-wire store, so memory stays bounded by the window however large the
 * store is. Unlike a tracking reader it reports void and missing positions too: a missing position below the head is
 * either a commit still on its way or a deleted event, and telling them apart is the caller's business.
 */
public final class StoredEventReader {

    /** The most positions one query asks for. */
    public static final int MAX_WINDOW = 1000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> sequences;

    /** Reads the collections the storage engine writes by default: {@code events} and {@code sequences}. */
    public StoredEventReader(MongoDatabase database) {
        this(database.getCollection("events"), database.getCollection("sequences"));
    }

    StoredEventReader(MongoCollection<Document> events, MongoCollection<Document> sequences) {
        this.events = events;
        this.sequences = sequences;
    }

    /** Returns the next position the store will hand out; every lower position is allocated. */
    public long headPosition() {
        Document counter = sequences
                .find(eq("_id", events.getNamespace().getCollectionName()))
                .first();
        return counter == null ? 0 : ((Number) counter.get("next")).longValue();
    }

    /**
     * Returns one entry for each position from {@code from} (inclusive) to {@code to} (exclusive), in order. A window
     * wider than {@link #MAX_WINDOW} is rejected; call again for the next window.
     *
     * <p>Commits are found by {@code _id}, their first position, and not by {@code pos $in}: mongo-java-server 1.47.0
     * returns a document once for every key of a multikey index that an {@code $in} matches, so a window of 1,000
     * positions over commits of 50 events came back as 50 copies of each commit. A commit's positions are contiguous
     * from its {@code _id}, so only the commit that contains {@code from} can start before the window: it is found by
     * equality on {@code pos}. Positions still without a document are asked for once more with {@code pos $in}, which
     * finds a commit whose positions do not follow its {@code _id}, as in an edited store.
     */
    public List<StoredEntry> readPositions(long from, long to) {
        if (from < 0 || to < from || to - from > MAX_WINDOW) {
            throw new IllegalArgumentException("cannot read positions [" + from + ", " + to + "): a window holds 0 to "
                    + MAX_WINDOW + " positions from 0 upward");
        }
        Map<Long, StoredEntry> found = new TreeMap<>();
        if (from < to) {
            for (Document commit : events.find(in(CommitDocuments.ID, range(from, to)))) {
                collect(commit, from, to, found);
            }
            if (!found.containsKey(from)) {
                Document straddling =
                        events.find(eq(CommitDocuments.POSITIONS, from)).first();
                if (straddling != null) {
                    collect(straddling, from, to, found);
                }
            }
            List<Long> uncovered = new ArrayList<>();
            for (long position = from; position < to; position++) {
                if (!found.containsKey(position)) {
                    uncovered.add(position);
                }
            }
            if (!uncovered.isEmpty()) {
                for (Document commit : events.find(in(CommitDocuments.POSITIONS, uncovered))) {
                    collect(commit, from, to, found);
                }
            }
        }

        List<StoredEntry> entries = new ArrayList<>((int) (to - from));
        for (long position = from; position < to; position++) {
            StoredEntry entry = found.get(position);
            entries.add(entry != null ? entry : StoredEntry.missingAt(position));
        }
        return entries;
    }

    private static List<Long> range(long from, long to) {
        List<Long> positions = new ArrayList<>((int) (to - from));
        for (long position = from; position < to; position++) {
            positions.add(position);
        }
        return positions;
    }

    /**
     * Returns the stored events of {@code stream} with sequence numbers from {@code fromSequence} (inclusive) to
     * {@code toSequence} (exclusive), in sequence order. A sequence number that holds no event is left out, so the
     * caller sees holes and the stream's end; a window wider than {@link #MAX_WINDOW} is rejected.
     */
    public List<StoredEntry> readStream(String stream, long fromSequence, long toSequence) {
        if (fromSequence < 0 || toSequence < fromSequence || toSequence - fromSequence > MAX_WINDOW) {
            throw new IllegalArgumentException("cannot read sequence numbers [" + fromSequence + ", " + toSequence
                    + ") of stream " + stream + ": a window holds 0 to " + MAX_WINDOW + " events from 0 upward");
        }
        List<String> keys = new ArrayList<>((int) (toSequence - fromSequence));
        for (long sequence = fromSequence; sequence < toSequence; sequence++) {
            keys.add(CommitDocuments.streamKey(stream, sequence));
        }
        Map<Long, StoredEntry> bySequence = new TreeMap<>();
        if (!keys.isEmpty()) {
            for (Document commit : findEachOnce(in(CommitDocuments.KEYS, keys))) {
                for (Document event : CommitDocuments.events(commit)) {
                    long sequence = CommitDocuments.eventSeq(event);
                    if (sequence >= fromSequence && sequence < toSequence) {
                        bySequence.put(sequence, toEntry(commit, event, CommitDocuments.eventPosition(event)));
                    }
                }
            }
        }

        return new ArrayList<>(bySequence.values());
    }

    /**
     * Finds the documents that match a {@code $in} filter on a multikey field, each once. mongo-java-server 1.47.0
     * returns a document once for every value of the {@code $in} list it matches, so a commit of 1,000 events would
     * come back 1,000 times. This reads the identifiers first, projected to {@code _id}, and then each document once by
     * {@code _id}.
     */
    private List<Document> findEachOnce(Bson multikeyFilter) {
        Set<Object> ids = new LinkedHashSet<>();
        for (Document id : events.find(multikeyFilter).projection(Projections.include(CommitDocuments.ID))) {
            ids.add(id.get(CommitDocuments.ID));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return events.find(in(CommitDocuments.ID, ids)).into(new ArrayList<>());
    }

    private static void collect(Document commit, long from, long to, Map<Long, StoredEntry> found) {
        if (CommitDocuments.isVoid(commit)) {
            for (long position : CommitDocuments.positions(commit)) {
                if (position >= from && position < to) {
                    found.put(position, StoredEntry.voidAt(position, commit.getString(CommitDocuments.VOID)));
                }
            }
            return;
        }
        for (Document event : CommitDocuments.events(commit)) {
            long position = CommitDocuments.eventPosition(event);
            if (position >= from && position < to) {
                found.put(position, toEntry(commit, event, position));
            }
        }
    }

    private static StoredEntry toEntry(Document commit, Document event, long position) {
        return new StoredEntry(
                StoredEntry.Kind.EVENT,
                position,
                commit.getString(CommitDocuments.STREAM),
                commit.getString(CommitDocuments.AGGREGATE_TYPE),
                CommitDocuments.eventSeq(event),
                event.getString(CommitDocuments.EVENT_ID),
                event.getString(CommitDocuments.EVENT_TYPE),
                event.getString(CommitDocuments.EVENT_REVISION),
                event.getString(CommitDocuments.EVENT_TIMESTAMP),
                event.getString(CommitDocuments.EVENT_PAYLOAD),
                event.getString(CommitDocuments.EVENT_META),
                event.getString(CommitDocuments.EVENT_HASH),
                event.getString(CommitDocuments.EVENT_PREV),
                null);
    }
}
