package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one aggregate's events by stream key, in sequence number order.
 *
 * <p>Every query is {@code keys $in ["<id>:<seq>", ...]} or an equality on one stream key, served by the unique
 * {@code keys} index, so the cost depends on the length of the stream and not on the size of the store. A read walks
 * windows of sequence numbers that double in size and stops at the first sequence number that is not stored.
 */
final class StreamReader {

    static final int FIRST_WINDOW = 32;
    static final int MAX_WINDOW = 1024;

    // Galloping probes reach sequence number 2^40 - 1, far beyond any aggregate's stream.
    private static final int MAX_PROBE_EXPONENT = 40;

    private static final Logger logger = LoggerFactory.getLogger(StreamReader.class);

    private final MongoCollection<Document> events;
    private final ChainHeads chainHeads;

    StreamReader(MongoCollection<Document> events, ChainHeads chainHeads) {
        this.events = events;
        this.chainHeads = chainHeads;
    }

    /** Returns a lazy stream of the aggregate's events from {@code firstSequenceNumber} on. */
    Stream<DomainEventData<String>> read(String aggregateId, long firstSequenceNumber) {
        return StreamSupport.stream(new Cursor(aggregateId, firstSequenceNumber), false);
    }

    /** Returns the highest stored sequence number of the aggregate, or empty if it has no events. */
    Optional<Long> lastSequenceNumber(String aggregateId) {
        List<Long> probes = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int exponent = 0; exponent <= MAX_PROBE_EXPONENT; exponent++) {
            long sequenceNumber = (1L << exponent) - 1;
            probes.add(sequenceNumber);
            keys.add(CommitDocuments.streamKey(aggregateId, sequenceNumber));
        }

        long highestStored = -1;
        for (Document commit : events.find(in(CommitDocuments.KEYS, keys)).projection(commitRange())) {
            highestStored = Math.max(highestStored, lastSeqOf(commit, aggregateId));
        }
        if (highestStored < 0) {
            return Optional.empty();
        }

        // Binary search between the highest stored sequence number and the lowest probe above it that is missing.
        long missing = Long.MAX_VALUE;
        for (long probe : probes) {
            if (probe > highestStored) {
                missing = probe;
                break;
            }
        }
        while (missing - highestStored > 1) {
            long middle = highestStored + (missing - highestStored) / 2;
            Document commit = events.find(eq(CommitDocuments.KEYS, CommitDocuments.streamKey(aggregateId, middle)))
                    .projection(commitRange())
                    .first();
            if (commit == null) {
                missing = middle;
            } else {
                highestStored = Math.max(middle, lastSeqOf(commit, aggregateId));
            }
        }
        return Optional.of(highestStored);
    }

    private static org.bson.conversions.Bson commitRange() {
        return Projections.include(CommitDocuments.STREAM, CommitDocuments.FIRST_SEQ, CommitDocuments.COUNT);
    }

    private static long lastSeqOf(Document commit, String aggregateId) {
        if (!aggregateId.equals(commit.getString(CommitDocuments.STREAM))) {
            return -1;
        }
        long first = ((Number) commit.get(CommitDocuments.FIRST_SEQ)).longValue();
        long count = ((Number) commit.get(CommitDocuments.COUNT)).longValue();
        return first + count - 1;
    }

    private final class Cursor extends Spliterators.AbstractSpliterator<DomainEventData<String>> {

        private final String aggregateId;
        private long nextSeq;
        private int window = FIRST_WINDOW;
        private boolean exhausted;
        private final Deque<DomainEventData<String>> buffer = new ArrayDeque<>();

        Cursor(String aggregateId, long firstSequenceNumber) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.aggregateId = aggregateId;
            this.nextSeq = Math.max(0, firstSequenceNumber);
        }

        @Override
        public boolean tryAdvance(Consumer<? super DomainEventData<String>> action) {
            if (buffer.isEmpty() && !exhausted) {
                fetch();
            }
            if (buffer.isEmpty()) {
                return false;
            }
            action.accept(buffer.poll());
            return true;
        }

        private void fetch() {
            long windowEnd = nextSeq + window;
            List<String> keys = new ArrayList<>(window);
            for (long seq = nextSeq; seq < windowEnd; seq++) {
                keys.add(CommitDocuments.streamKey(aggregateId, seq));
            }

            TreeMap<Long, DomainEventData<String>> found = new TreeMap<>();
            TreeMap<Long, String> hashes = new TreeMap<>();
            for (Document commit : events.find(in(CommitDocuments.KEYS, keys))) {
                if (!aggregateId.equals(commit.getString(CommitDocuments.STREAM))) {
                    continue;
                }
                for (Document event : CommitDocuments.events(commit)) {
                    long seq = CommitDocuments.eventSeq(event);
                    if (seq >= nextSeq) {
                        found.put(seq, CommitDocuments.toEventData(commit, event));
                        hashes.put(seq, event.getString(CommitDocuments.EVENT_HASH));
                    }
                }
            }

            long expected = nextSeq;
            for (var entry : found.entrySet()) {
                if (entry.getKey() != expected) {
                    logger.warn(
                            "Aggregate [{}] has no event {} but has event {}; reading stops at the missing event",
                            aggregateId,
                            expected,
                            entry.getKey());
                    exhausted = true;
                    break;
                }
                buffer.add(entry.getValue());
                expected++;
            }

            if (expected > nextSeq) {
                chainHeads.remember(aggregateId, expected - 1, hashes.get(expected - 1));
            }
            if (expected < windowEnd) {
                exhausted = true;
            }
            nextSeq = expected;
            window = Math.min(MAX_WINDOW, window * 2);
        }
    }
}
