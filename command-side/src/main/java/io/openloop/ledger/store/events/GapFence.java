package io.openloop.ledger.store.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives up on gaps that stay missing longer than the gap timeout, without ever losing an event.
 *
 * <p>A gap is a position below a reader's token index that held no document when the reader passed it: a commit that
 * took the position may still be on its way. This class remembers when each gap was first seen (in memory, shared by
 * all readers of the engine). Once a gap is older than the timeout, it is fenced: a void document is inserted at the
 * position. If the late commit arrives first, the void document is rejected and the reader delivers the commit. If the
 * void document arrives first, the late commit fails on the unique {@code pos} index and its writer stores it again at
 * new positions, so the reader delivers it there. Either way the void document is the record that lets an audit
 * distinguish a given-up position from a deleted event.
 */
final class GapFence {

    private static final Logger logger = LoggerFactory.getLogger(GapFence.class);

    private final VoidWriter voids;
    private final Clock clock;
    private final Duration gapTimeout;

    // NOTE: an entry evicted by size is recorded again when next seen, which only delays fencing that gap.
    private final Cache<Long, Instant> firstSeen =
            Caffeine.newBuilder().maximumSize(100_000).build();

    GapFence(VoidWriter voids, Clock clock, Duration gapTimeout) {
        this.voids = voids;
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    /** Records the time a reader first saw each of the gaps, unless already recorded. */
    void observe(Collection<Long> gaps) {
        Instant now = clock.instant();
        for (Long gap : gaps) {
            firstSeen.get(gap, position -> now);
        }
    }

    /** Forgets positions that turned out to hold a document. */
    void resolved(Collection<Long> positions) {
        firstSeen.invalidateAll(positions);
    }

    /** Inserts void documents for the gaps that are older than the timeout and returns the positions fenced. */
    Set<Long> fenceStale(Collection<Long> gaps) {
        Instant now = clock.instant();
        List<Long> stale = new ArrayList<>();
        for (Long gap : gaps) {
            Instant seen = firstSeen.get(gap, position -> now);
            if (!seen.plus(gapTimeout).isAfter(now)) {
                stale.add(gap);
            }
        }
        if (stale.isEmpty()) {
            return Set.of();
        }

        Set<Long> fenced = new TreeSet<>(voids.markVoid(stale, CommitDocuments.VOID_GAP_TIMEOUT));
        firstSeen.invalidateAll(fenced);
        if (!fenced.isEmpty()) {
            logger.warn(
                    "Fenced positions {}: no commit arrived within the gap timeout of {}; void documents now mark"
                            + " them as given up, and a commit that arrives later is stored at new positions",
                    fenced,
                    gapTimeout);
        }
        return fenced;
    }
}
