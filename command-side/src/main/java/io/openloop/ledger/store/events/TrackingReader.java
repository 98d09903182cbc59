package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.bson.Document;

/**
 * Reads events in global position order for tracking processors, with one {@link GapAwareTrackingToken} per event.
 *
 * <p>Each fetch requests the token's gaps plus the next window of positions with {@code pos $in [...]}, which the
 * unique {@code pos} index serves on every MongoDB-wire store. Found documents are walked in position order: an event
 * whose position is a gap or beyond the token's index is emitted with the token advanced to it, and a void document
 * advances the token without an event. Gaps are never dropped from the token; {@link GapFence} gives up on them
 * after the gap timeout instead. When a window contains nothing but the position counter is beyond it, the next window
 * is read, so a large commit, a run of void documents or a slow writer never stalls the reader.
 */
final class TrackingReader {

    private static final int MAX_IN_VALUES = 1000;

    private final MongoCollection<Document> events;
    private final PositionCounter counter;
    private final GapFence fence;
    private final int batchSize;

    TrackingReader(MongoCollection<Document> events, PositionCounter counter, GapFence fence, int batchSize) {
        this.events = events;
        this.counter = counter;
        this.fence = fence;
        this.batchSize = batchSize;
    }

    /**
     * Returns a lazy stream of the events after {@code start} ({@code null} reads from the first position). The
     * stream ends when the store contains nothing beyond its last token.
     */
    Stream<TrackedEventData<?>> read(TrackingToken start) {
        if (start != null && !(start instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Cannot read from a tracking token of type "
                    + start.getClass().getName() + ": this event store reads only GapAwareTrackingToken.");
        }
        Cursor cursor = new Cursor((GapAwareTrackingToken) start);
        return StreamSupport.stream(cursor, false);
    }

    private final class Cursor extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {

        private GapAwareTrackingToken token;
        private final Deque<TrackedEventData<?>> buffer = new ArrayDeque<>();
        private boolean exhausted;

        Cursor(GapAwareTrackingToken token) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.token = token;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            while (buffer.isEmpty() && !exhausted) {
                exhausted = !fetch();
            }
            if (buffer.isEmpty()) {
                return false;
            }
            action.accept(buffer.poll());
            return true;
        }

        /** Reads the next window and returns whether the token moved. */
        private boolean fetch() {
            long index = token == null ? -1 : token.getIndex();
            Set<Long> gaps = token == null ? Collections.emptySortedSet() : token.getGaps();
            if (!gaps.isEmpty()) {
                fence.fenceStale(gaps);
            }

            List<Long> candidates = new ArrayList<>(gaps);
            long from = index + 1;
            for (long position = from; position < from + batchSize; position++) {
                candidates.add(position);
            }
            boolean progressed = apply(findByPositions(candidates));

            while (!progressed) {
                long next = counter.peekNext();
                from += batchSize;
                if (from >= next) {
                    break;
                }
                List<Long> window = new ArrayList<>();
                for (long position = from; position < Math.min(from + batchSize, next); position++) {
                    window.add(position);
                }
                progressed = apply(findByPositions(window));
            }

            if (token != null) {
                fence.observe(token.getGaps());
            }
            return progressed;
        }

        private boolean apply(List<Document> documents) {
            boolean progressed = false;
            List<Long> found = new ArrayList<>();
            for (Document document : documents) {
                if (CommitDocuments.isVoid(document)) {
                    for (long position : CommitDocuments.positions(document)) {
                        found.add(position);
                        if (isNew(position)) {
                            token = advance(position);
                            progressed = true;
                        }
                    }
                    continue;
                }

                for (Document event : CommitDocuments.events(document)) {
                    long position = CommitDocuments.eventPosition(event);
                    found.add(position);
                    if (isNew(position)) {
                        token = advance(position);
                        buffer.add(new TrackedDomainEventData<>(token, CommitDocuments.toEventData(document, event)));
                        progressed = true;
                    }
                }
            }
            fence.resolved(found);
            return progressed;
        }

        private boolean isNew(long position) {
            return token == null
                    || position > token.getIndex()
                    || token.getGaps().contains(position);
        }

        private GapAwareTrackingToken advance(long position) {
            GapAwareTrackingToken from = token == null ? GapAwareTrackingToken.newInstance(-1, List.of()) : token;
            // Integer.MAX_VALUE keeps every gap: only the fence may give one up, and only after a void document.
            return from.advanceTo(position, Integer.MAX_VALUE);
        }
    }

    /** Returns the documents holding any of the positions, in position order, each once. */
    private List<Document> findByPositions(List<Long> positions) {
        TreeMap<Long, Document> byFirstPosition = new TreeMap<>();
        for (int from = 0; from < positions.size(); from += MAX_IN_VALUES) {
            List<Long> chunk = positions.subList(from, Math.min(positions.size(), from + MAX_IN_VALUES));
            for (Document document : events.find(in(CommitDocuments.POSITIONS, chunk))) {
                byFirstPosition.put(CommitDocuments.firstPosition(document), document);
            }
        }
        return new ArrayList<>(byFirstPosition.values());
    }
}
