package io.openloop.ledger.store.tokens;

import static com.mongodb.client.model.Updates.set;

import com.mongodb.client.model.Updates;
import java.util.Objects;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Field names of the token collection and the mapping between its documents and {@link TrackingToken}s.
 *
 * <p>One document per processor segment: {@code _id} is {@code "<processorName>/<segment>"}, which stays unique because
 * the segment after the last slash is always an integer. Tokens are stored as the serializer's {@code String} form
 * with their type name and revision, and a {@code null} token is stored as {@code null} fields.
 */
final class TokenDocuments {

    static final String ID = "_id";
    static final String PROCESSOR_NAME = "processorName";
    static final String SEGMENT = "segment";
    static final String MASK = "mask";
    static final String OWNER = "owner";
    static final String CLAIMED_AT = "claimedAt";
    static final String TOKEN = "token";
    static final String TOKEN_TYPE = "tokenType";
    static final String TOKEN_REVISION = "tokenRevision";

    /** {@code _id} of the document that stores the storage identifier; it has no processor name or segment. */
    static final String CONFIG_ID = "__config";

    static final String STORAGE_ID = "storageId";

    private final Serializer serializer;

    TokenDocuments(Serializer serializer) {
        this.serializer = Objects.requireNonNull(serializer, "serializer");
    }

    static String tokenId(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    /** Builds an unclaimed segment document, timestamped like Axon's token entries at creation. */
    Document newSegment(String processorName, int segment, int mask, TrackingToken token, long createdAtMillis) {
        Document document = new Document(ID, tokenId(processorName, segment))
                .append(PROCESSOR_NAME, processorName)
                .append(SEGMENT, segment)
                .append(MASK, mask)
                .append(OWNER, null)
                .append(CLAIMED_AT, createdAtMillis);
        SerializedObject<String> serialized = serialize(token);
        document.append(TOKEN, serialized == null ? null : serialized.getData());
        document.append(
                TOKEN_TYPE, serialized == null ? null : serialized.getType().getName());
        document.append(
                TOKEN_REVISION, serialized == null ? null : serialized.getType().getRevision());
        return document;
    }

    /** Builds the update that replaces the stored token with {@code token}. */
    Bson tokenUpdate(TrackingToken token) {
        SerializedObject<String> serialized = serialize(token);
        if (serialized == null) {
            return Updates.combine(set(TOKEN, null), set(TOKEN_TYPE, null), set(TOKEN_REVISION, null));
        }
        return Updates.combine(
                set(TOKEN, serialized.getData()),
                set(TOKEN_TYPE, serialized.getType().getName()),
                set(TOKEN_REVISION, serialized.getType().getRevision()));
    }

    /** Deserializes the token of a segment document; returns {@code null} when the segment has no token yet. */
    TrackingToken readToken(Document document) {
        String data = document.getString(TOKEN);
        String type = document.getString(TOKEN_TYPE);
        if (data == null || type == null) {
            return null;
        }
        String revision = document.getString(TOKEN_REVISION);
        return serializer.deserialize(new SimpleSerializedObject<>(data, String.class, type, revision));
    }

    private SerializedObject<String> serialize(TrackingToken token) {
        return token == null ? null : serializer.serialize(token, String.class);
    }
}
