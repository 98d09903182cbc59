package io.openloop.ledger.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.openloop.ledger.store.audit.AuditCheckpoints;
import io.openloop.ledger.store.audit.AuditDigest;
import io.openloop.ledger.store.audit.Checkpoint;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * Reads the checkpoints of the global digest from {@code audit_checkpoints}, one per block of 1,000 positions:
 * the checkpoint of block k has {@code _id} k * 1000 + 999 and {@code digest}, the digest after the block. Every query
 * is an equality or {@code $in} on {@code _id}, which every MongoDB-wire store serves from its index.
 */
final class Checkpoints {

    static final String COLLECTION = AuditCheckpoints.COLLECTION;
    static final int BLOCK = Checkpoint.BLOCK_SIZE;

    private final MongoCollection<Document> checkpoints;
    private final StoredEventReader reader;

    Checkpoints(MongoDatabase database, StoredEventReader reader) {
        this.checkpoints = database.getCollection(COLLECTION);
        this.reader = reader;
    }

    /** Returns the first position of the block that contains {@code position}. */
    static long blockStart(long position) {
        return Checkpoint.blockStart(position);
    }

    /** Returns the digest recorded after the block that ends at {@code lastPosition}, or null when none is stored. */
    String digestThrough(long lastPosition) {
        Document checkpoint = checkpoints
                .find(eq("_id", lastPosition))
                .projection(Projections.include("digest"))
                .first();
        return checkpoint == null ? null : checkpoint.getString("digest");
    }

    /**
     * Returns the global digest before {@code position}: the newest stored checkpoint below it (or {@link
     * AuditDigest#GENESIS}) with the stored events between folded in. Positions at or above {@code head} hold no event
     * yet, so they are not read.
     *
     * <p>NOTE: a position that contains nothing (a deleted event, or a commit that never arrived and was not yet marked
     * void) is skipped by the fold, where the digester would wait for it; the digest then differs from the one the
     * digester will record.
     */
    String digestBefore(long position, long head) {
        long limit = Math.min(position, head);
        long base = -1;
        String digest = AuditDigest.GENESIS;
        long newestCandidate = blockStart(limit) - 1;
        for (long high = newestCandidate; high >= 0 && base < 0; high -= (long) BLOCK * BLOCK) {
            List<Long> ids = new ArrayList<>();
            for (long id = high; id >= 0 && ids.size() < BLOCK; id -= BLOCK) {
                ids.add(id);
            }
            for (Document found : checkpoints.find(in("_id", ids)).projection(Projections.include("digest"))) {
                long id = ((Number) found.get("_id")).longValue();
                if (id > base) {
                    base = id;
                    digest = found.getString("digest");
                }
            }
        }
        return fold(digest, base + 1, limit);
    }

    private String fold(String digest, long from, long to) {
        for (long start = from; start < to; start += StoredEventReader.MAX_WINDOW) {
            for (StoredEntry entry : reader.readPositions(start, Math.min(to, start + StoredEventReader.MAX_WINDOW))) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                }
            }
        }
        return digest;
    }
}
