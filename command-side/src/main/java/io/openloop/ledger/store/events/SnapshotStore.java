package io.openloop.ledger.store.events;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the newest snapshot of each aggregate in one document whose {@code _id} is the aggregate identifier.
 *
 * <p>A snapshot replaces the stored one only if its sequence number is higher. The check and the replace are two
 * operations, because a conditional filter on {@code _id} plus {@code seq} is not served by an index on
 * mongo-java-server; two nodes racing can leave the older of their two snapshots, which is still a correct snapshot.
 */
final class SnapshotStore {

    private static final Logger logger = LoggerFactory.getLogger(SnapshotStore.class);

    private static final String AGGREGATE_TYPE = "atype";
    private static final String SEQ = "seq";
    private static final String EVENT_ID = "id";
    private static final String TIMESTAMP = "ts";
    private static final String PAYLOAD_TYPE = "type";
    private static final String REVISION = "rev";
    private static final String PAYLOAD = "payload";
    private static final String META = "meta";

    private final MongoCollection<Document> snapshots;

    SnapshotStore(MongoCollection<Document> snapshots) {
        this.snapshots = snapshots;
    }

    void store(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> meta = snapshot.serializeMetaData(serializer, String.class);
        String aggregateId = snapshot.getAggregateIdentifier();
        Document document = new Document(CommitDocuments.ID, aggregateId)
                .append(AGGREGATE_TYPE, snapshot.getType())
                .append(SEQ, snapshot.getSequenceNumber())
                .append(EVENT_ID, snapshot.getIdentifier())
                .append(TIMESTAMP, snapshot.getTimestamp().toString())
                .append(PAYLOAD_TYPE, payload.getType().getName())
                .append(REVISION, payload.getType().getRevision())
                .append(PAYLOAD, payload.getData())
                .append(META, meta.getData());

        Document current = snapshots.find(eq(CommitDocuments.ID, aggregateId)).first();
        if (current != null && ((Number) current.get(SEQ)).longValue() >= snapshot.getSequenceNumber()) {
            logger.debug(
                    "Kept snapshot of aggregate [{}] at {}: it is not older than {}",
                    aggregateId,
                    current.get(SEQ),
                    snapshot.getSequenceNumber());
            return;
        }

        try {
            snapshots.replaceOne(eq(CommitDocuments.ID, aggregateId), document, new ReplaceOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Another node inserted the first snapshot of this aggregate at the same moment; either one will do.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    Stream<DomainEventData<String>> read(String aggregateId) {
        Document document = snapshots.find(eq(CommitDocuments.ID, aggregateId)).first();
        if (document == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(
                document.getString(AGGREGATE_TYPE),
                aggregateId,
                ((Number) document.get(SEQ)).longValue(),
                document.getString(EVENT_ID),
                document.getString(TIMESTAMP),
                document.getString(PAYLOAD_TYPE),
                document.getString(REVISION),
                document.getString(PAYLOAD),
                document.getString(META)));
    }
}
