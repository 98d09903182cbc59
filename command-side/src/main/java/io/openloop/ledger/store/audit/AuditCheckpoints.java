package io.openloop.ledger.store.audit;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The stored checkpoints of the global digest and the digester's progress.
 *
 * <p>Checkpoints live in {@code audit_checkpoints}, one document per block, with {@code _id} the block's last position.
 * The progress is {@code {_id: "audit-digest", next: N}} in {@code sequences}: every block below {@code N} has a
 * checkpoint. Every query is an equality on {@code _id}, which every MongoDB-wire store serves from its primary index.
 */
public final class AuditCheckpoints {

    /** The collection of the checkpoints. */
    public static final String COLLECTION = "audit_checkpoints";

    /** The {@code _id} of the progress document in the {@code sequences} collection. */
    public static final String PROGRESS_ID = "audit-digest";

    private static final String ID = "_id";
    private static final String FIRST = "first";
    private static final String DIGEST = "digest";
    private static final String EVENTS = "events";
    private static final String VOIDS = "voids";
    private static final String MARKS = "marks";
    private static final String AT = "at";
    private static final String NEXT = "next";

    private final MongoCollection<Document> checkpoints;
    private final MongoCollection<Document> sequences;

    /** Uses {@code audit_checkpoints} and {@code sequences} of {@code database}. */
    public AuditCheckpoints(MongoDatabase database) {
        this.checkpoints = database.getCollection(COLLECTION);
        this.sequences = database.getCollection("sequences");
    }

    /** Returns the checkpoint of the block that ends at {@code last}, or {@code null} when none is stored. */
    public Checkpoint find(long last) {
        Document document = checkpoints.find(eq(ID, last)).first();
        return document == null ? null : fromDocument(document);
    }

    /**
     * Returns the digest before position {@code first}, the first position of a block: {@link AuditDigest#GENESIS}
     * for 0, else the digest of the checkpoint that ends at {@code first - 1}, or {@code null} when it is not stored.
     */
    public String digestBefore(long first) {
        if (first == 0) {
            return AuditDigest.GENESIS;
        }
        Checkpoint previous = find(first - 1);
        return previous == null ? null : previous.digest();
    }

    /**
     * Stores {@code checkpoint} unless its block already has one, and returns the stored checkpoint: {@code checkpoint}
     * itself, or the one written before, which the caller compares.
     */
    public Checkpoint insertOrFind(Checkpoint checkpoint) {
        try {
            checkpoints.insertOne(toDocument(checkpoint));
            return checkpoint;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Checkpoint stored = find(checkpoint.last());
        if (stored == null) {
            throw new IllegalStateException("the checkpoint ending at position " + checkpoint.last()
                    + " was rejected as a duplicate but cannot be found; the digester retries at its next pass");
        }
        return stored;
    }

    /** Returns the first position not yet covered by a checkpoint: 0 before the first checkpoint. */
    public long nextUndigested() {
        Document progress = sequences.find(eq(ID, PROGRESS_ID)).first();
        return progress == null ? 0 : ((Number) progress.get(NEXT)).longValue();
    }

    /**
     * Moves the progress forward to {@code next}. The update takes the maximum of the stored and the given value, so
     * a node that finishes a block after another node went further leaves the progress where it is.
     */
    public void advanceTo(long next) {
        try {
            sequences.updateOne(eq(ID, PROGRESS_ID), Updates.max(NEXT, next), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Two first upserts at once: one inserted the document, so this update now finds it.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            sequences.updateOne(eq(ID, PROGRESS_ID), Updates.max(NEXT, next));
        }
    }

    private static Document toDocument(Checkpoint checkpoint) {
        return new Document(ID, checkpoint.last())
                .append(FIRST, checkpoint.first())
                .append(DIGEST, checkpoint.digest())
                .append(EVENTS, checkpoint.events())
                .append(VOIDS, checkpoint.voids())
                .append(MARKS, checkpoint.marks())
                .append(AT, checkpoint.at());
    }

    private static Checkpoint fromDocument(Document document) {
        return new Checkpoint(
                longOf(document, ID),
                longOf(document, FIRST),
                document.get(DIGEST) instanceof String digest ? digest : null,
                (int) longOf(document, EVENTS),
                (int) longOf(document, VOIDS),
                document.get(MARKS) instanceof String marks ? marks : null,
                document.get(AT) instanceof String at ? at : null);
    }

    /** Returns a numeric field, or -1 when it is missing or not a number, so a damaged document reads as malformed. */
    private static long longOf(Document document, String field) {
        return document.get(field) instanceof Number number ? number.longValue() : -1;
    }
}
