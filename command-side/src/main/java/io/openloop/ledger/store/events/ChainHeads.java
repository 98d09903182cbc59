package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;

/**
 * Finds the hash of the event before a given sequence number of a stream, which the next event links to as
 * {@code prev}.
 *
 * <p>A cache maps each stream to the last event seen by this engine (sequence number and hash). Stored events never
 * change, so an entry is a fact about that one sequence number. It is used only when its sequence number is exactly
 * the one requested, and any other request probes the store by stream key.
 */
final class ChainHeads {

    record Head(long sequenceNumber, String hash) {}

    private final MongoCollection<Document> events;
    private final Cache<String, Head> heads;

    ChainHeads(MongoCollection<Document> events, long maximumSize) {
        this.events = events;
        this.heads = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /**
     * Returns the hash of event {@code sequenceNumber - 1} of {@code stream}, or {@code null} for sequence number 0.
     *
     * @throws EventStoreException if that event is not stored, because appending would leave a hole in the stream
     */
    String previousHash(String stream, long sequenceNumber) {
        if (sequenceNumber == 0) {
            return null;
        }

        long previous = sequenceNumber - 1;
        Head cached = heads.getIfPresent(stream);
        if (cached != null && cached.sequenceNumber() == previous) {
            return cached.hash();
        }

        Document commit = events.find(eq(CommitDocuments.KEYS, CommitDocuments.streamKey(stream, previous)))
                .first();
        if (commit != null) {
            for (Document event : CommitDocuments.events(commit)) {
                if (CommitDocuments.eventSeq(event) == previous) {
                    String hash = event.getString(CommitDocuments.EVENT_HASH);
                    remember(stream, previous, hash);
                    return hash;
                }
            }
        }
        throw new EventStoreException("Cannot append event " + sequenceNumber + " of aggregate [" + stream
                + "]: event " + previous + " is not stored, so the stream would have a hole. Load the aggregate from"
                + " the event store before applying new events.");
    }

    /** Records that event {@code sequenceNumber} of {@code stream} is stored with {@code hash}. */
    void remember(String stream, long sequenceNumber, String hash) {
        heads.asMap()
                .merge(
                        stream,
                        new Head(sequenceNumber, hash),
                        (old, candidate) -> old.sequenceNumber() >= candidate.sequenceNumber() ? old : candidate);
    }
}
