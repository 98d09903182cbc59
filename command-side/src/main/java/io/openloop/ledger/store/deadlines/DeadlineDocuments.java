package io.openloop.ledger.store.deadlines;

import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;

/**
 * The document of one scheduled deadline and its conversions.
 *
 * <p>Document: {@code {_id: scheduleId, deadlineName, scopeKey, scope: {type, revision, data}, messageId, timestamp,
 * payload: {type, revision, data}, metaData: {type, revision, data}, dueAt, claimableAt, owner, attempts, lastFailure,
 * version}}. {@code scope}, {@code payload} and {@code metaData} are the serializer's {@code String} form, and {@code
 * lastFailure} is the class of the innermost exception of the latest failed attempt. {@code scopeKey} is the scope's
 * serialized type and data, so that {@code cancelAllWithinScope} can filter on one field. {@code dueAt} is the time
 * the deadline was scheduled for. {@code claimableAt} is the time from which a node may claim it: the due time, then
 * the end of the backoff after a failed attempt, and while {@code owner} names a node, the end of that node's lease.
 * {@code version} grows with every change. Claims, completions and releases filter on {@code _id} and {@code version},
 * and claims also on {@code claimableAt}.
 */
final class DeadlineDocuments {

    static final String ID = "_id";
    static final String DEADLINE_NAME = "deadlineName";
    static final String SCOPE_KEY = "scopeKey";
    static final String SCOPE = "scope";
    static final String MESSAGE_ID = "messageId";
    static final String TIMESTAMP = "timestamp";
    static final String PAYLOAD = "payload";
    static final String META_DATA = "metaData";
    static final String DUE_AT = "dueAt";
    static final String CLAIMABLE_AT = "claimableAt";
    static final String OWNER = "owner";
    static final String ATTEMPTS = "attempts";
    static final String VERSION = "version";
    static final String LAST_FAILURE = "lastFailure";

    private static final String TYPE = "type";
    private static final String REVISION = "revision";
    private static final String DATA = "data";

    private final Serializer serializer;

    DeadlineDocuments(Serializer serializer) {
        this.serializer = serializer;
    }

    /**
     * Returns the indexes the manager's queries rely on. The two unique compound indexes let mongo-java-server 1.47.0
     * serve the completions and releases by {@code _id} and {@code version} and the cancel by {@code _id} and name,
     * because it uses an index only when the index keys equal the filter's fields; MongoDB serves these and the claims
     * from {@code _id}. The other two are not unique, so mongo-java-server ignores them. It scans the collection for
     * those queries and for claims, whose filter adds {@code claimableAt}, and the collection stays small because fired
     * and cancelled deadlines are deleted.
     */
    static List<IndexModel> indexModels() {
        return List.of(
                new IndexModel(
                        Indexes.ascending(ID, VERSION),
                        new IndexOptions().name("_id_version").unique(true)),
                new IndexModel(
                        Indexes.ascending(ID, DEADLINE_NAME),
                        new IndexOptions().name("_id_deadlineName").unique(true)),
                new IndexModel(Indexes.ascending(CLAIMABLE_AT), new IndexOptions().name("claimableAt")),
                new IndexModel(
                        Indexes.ascending(DEADLINE_NAME, SCOPE_KEY), new IndexOptions().name("deadlineName_scopeKey")));
    }

    /** Builds the document of a deadline that no node has claimed yet. */
    Document newDeadline(String scheduleId, DeadlineMessage<?> message, ScopeDescriptor scope, Instant dueAt) {
        SerializedObject<String> serializedScope = serializer.serialize(scope, String.class);
        SerializedObject<String> payload = serializer.serialize(message.getPayload(), String.class);
        SerializedObject<String> metaData = serializer.serialize(message.getMetaData(), String.class);
        return new Document(ID, scheduleId)
                .append(DEADLINE_NAME, message.getDeadlineName())
                .append(SCOPE_KEY, scopeKey(serializedScope))
                .append(SCOPE, serialized(serializedScope))
                .append(MESSAGE_ID, message.getIdentifier())
                .append(TIMESTAMP, Date.from(message.getTimestamp()))
                .append(PAYLOAD, serialized(payload))
                .append(META_DATA, serialized(metaData))
                .append(DUE_AT, Date.from(dueAt))
                .append(CLAIMABLE_AT, Date.from(dueAt))
                .append(OWNER, null)
                .append(ATTEMPTS, 0)
                .append(VERSION, 0L);
    }

    /** Returns the value of {@link #SCOPE_KEY} for {@code scope}. */
    String scopeKey(ScopeDescriptor scope) {
        return scopeKey(serializer.serialize(scope, String.class));
    }

    ScopeDescriptor scope(Document deadline) {
        return serializer.deserialize(deserializable(deadline.get(SCOPE, Document.class)));
    }

    /** Rebuilds the deadline message with the identifier, timestamp, payload and metadata it was scheduled with. */
    DeadlineMessage<?> message(Document deadline) {
        Object payload = serializer.deserialize(deserializable(deadline.get(PAYLOAD, Document.class)));
        MetaData metaData = serializer.deserialize(deserializable(deadline.get(META_DATA, Document.class)));
        return new GenericDeadlineMessage<>(
                deadlineName(deadline),
                deadline.getString(MESSAGE_ID),
                payload,
                metaData,
                deadline.getDate(TIMESTAMP).toInstant());
    }

    static String scheduleId(Document deadline) {
        return deadline.getString(ID);
    }

    static String deadlineName(Document deadline) {
        return deadline.getString(DEADLINE_NAME);
    }

    static long version(Document deadline) {
        return ((Number) deadline.get(VERSION)).longValue();
    }

    static int attempts(Document deadline) {
        return ((Number) deadline.get(ATTEMPTS)).intValue();
    }

    /**
     * Builds the filter as a plain document because {@code Filters.and} renders {@code $and}, which mongo-java-server
     * does not match against an index.
     */
    static Document atVersion(String scheduleId, long version) {
        return new Document(ID, scheduleId).append(VERSION, version);
    }

    private static String scopeKey(SerializedObject<String> scope) {
        return scope.getType().getName() + "|" + scope.getData();
    }

    private static Document serialized(SerializedObject<String> serialized) {
        return new Document(TYPE, serialized.getType().getName())
                .append(REVISION, serialized.getType().getRevision())
                .append(DATA, serialized.getData());
    }

    private static SimpleSerializedObject<String> deserializable(Document serialized) {
        return new SimpleSerializedObject<>(
                serialized.getString(DATA), String.class, serialized.getString(TYPE), serialized.getString(REVISION));
    }
}
