package io.openloop.ledger.store.events;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks positions as never to be used by inserting void documents for them.
 *
 * <p>A position that a commit already occupies rejects its void document through the unique {@code pos} index, so a
 * stored commit always wins over a void document, and a commit that arrives after the void document fails on the same
 * index and moves to new positions.
 */
final class VoidWriter {

    private static final Logger logger = LoggerFactory.getLogger(VoidWriter.class);

    private final MongoCollection<Document> events;
    private final Clock clock;

    VoidWriter(MongoCollection<Document> events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * Inserts void documents for the positions and returns those that got one; positions already held by a document
     * are left as they are. Returns an empty set if the store could not be reached.
     */
    Set<Long> markVoid(Collection<Long> positions, String reason) {
        if (positions.isEmpty()) {
            return Set.of();
        }

        Instant now = clock.instant();
        List<Long> ordered = new ArrayList<>(positions);
        List<Document> documents = new ArrayList<>(ordered.size());
        for (long position : ordered) {
            documents.add(CommitDocuments.voidDocument(position, reason, now));
        }

        Set<Long> inserted = new HashSet<>(ordered);
        try {
            events.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                inserted.remove(ordered.get(error.getIndex()));
                if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    logger.warn(
                            "Could not mark position {} as void ({}): {}",
                            ordered.get(error.getIndex()),
                            reason,
                            error.getMessage());
                }
            }
        } catch (MongoException e) {
            logger.warn("Could not mark positions {} as void ({}); readers will fence them later", ordered, reason, e);
            return Set.of();
        }
        return inserted;
    }
}
