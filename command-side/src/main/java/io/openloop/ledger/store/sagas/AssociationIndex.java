package io.openloop.ledger.store.sagas;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.addToSet;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.pullAll;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.axonframework.modelling.saga.AssociationValue;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The association collection: one document per saga type and association value, listing the ids of the sagas that
 * carry that association, so that finding sagas is one lookup by {@code _id}.
 *
 * <p>Document: {@code {_id: "<sagaType>|<key>=<value>", sagaType, key, value, sagaIds: [..], lastAddedAt, version}}.
 * Backslash, {@code |} and {@code =} inside the three parts are escaped with a backslash, so two different
 * associations never share an {@code _id}. {@code lastAddedAt} (epoch milliseconds) is the time the latest saga id was
 * added. {@code version} grows with every change, and conditional writes filter on {@code _id} and {@code version}.
 * Every write changes one document atomically.
 */
final class AssociationIndex {

    static final String ID = "_id";
    static final String SAGA_TYPE = "sagaType";
    static final String KEY = "key";
    static final String VALUE = "value";
    static final String SAGA_IDS = "sagaIds";
    static final String LAST_ADDED_AT = "lastAddedAt";
    static final String VERSION = "version";

    private final MongoCollection<Document> associations;
    private final Clock clock;

    AssociationIndex(MongoCollection<Document> associations, Clock clock) {
        this.associations = associations;
        this.clock = clock;
    }

    /**
     * Returns the unique index on {@code _id} and {@code version}. MongoDB serves the conditional writes from the
     * {@code _id} index alone. mongo-java-server 1.47.0 uses an index only when its keys equal the filter's fields,
     * and without this index it scans the collection for every conditional write.
     */
    static List<IndexModel> indexModels() {
        IndexOptions options = new IndexOptions().name("_id_version").unique(true);
        return List.of(new IndexModel(Indexes.ascending(ID, VERSION), options));
    }

    static String associationId(String sagaType, AssociationValue association) {
        return escape(sagaType) + "|" + escape(association.getKey()) + "=" + escape(association.getValue());
    }

    private static String escape(String part) {
        return part.replace("\\", "\\\\").replace("|", "\\|").replace("=", "\\=");
    }

    /** Returns the association document, or {@code null} when no saga of the type carries the association. */
    Document find(String sagaType, AssociationValue association) {
        return associations.find(eq(ID, associationId(sagaType, association))).first();
    }

    /** Adds the saga id to the association, creating the association document when it does not exist. */
    void add(String sagaType, AssociationValue association, String sagaId) {
        Bson update = combine(
                addToSet(SAGA_IDS, sagaId),
                set(LAST_ADDED_AT, clock.millis()),
                inc(VERSION, 1L),
                setOnInsert(SAGA_TYPE, sagaType),
                setOnInsert(KEY, association.getKey()),
                setOnInsert(VALUE, association.getValue()));
        Bson filter = eq(ID, associationId(sagaType, association));
        try {
            associations.updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Two upserts of a new _id can race; the loser's retry finds the winner's document and updates it.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            associations.updateOne(filter, update);
        }
    }

    /** Removes the saga id from the association, and the association document once no saga id is left. */
    void remove(String sagaType, AssociationValue association, String sagaId) {
        String id = associationId(sagaType, association);
        Bson update = combine(pull(SAGA_IDS, sagaId), inc(VERSION, 1L));
        // BEFORE, because mongo-java-server 1.47.0 returns the AFTER image outside its collection lock.
        FindOneAndUpdateOptions options = new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE);
        Document before = associations.findOneAndUpdate(eq(ID, id), update, options);
        if (before == null) {
            return;
        }
        List<String> remaining = new ArrayList<>(sagaIds(before));
        remaining.remove(sagaId);
        if (remaining.isEmpty()) {
            deleteIfUnchanged(id, version(before) + 1);
        }
    }

    /**
     * Removes {@code sagaIds} from the association if the document is still at the version of {@code association},
     * so that a saga id added since it was read stays. Returns whether the removal happened.
     */
    boolean removeIfUnchanged(Document association, Collection<String> sagaIds) {
        String id = association.getString(ID);
        long version = version(association);
        Bson update = combine(pullAll(SAGA_IDS, List.copyOf(sagaIds)), inc(VERSION, 1L));
        long matched = associations.updateOne(atVersion(id, version), update).getMatchedCount();
        if (matched == 0) {
            return false;
        }
        List<String> remaining = new ArrayList<>(sagaIds(association));
        remaining.removeAll(sagaIds);
        if (remaining.isEmpty()) {
            deleteIfUnchanged(id, version + 1);
        }
        return true;
    }

    static List<String> sagaIds(Document association) {
        return association.getList(SAGA_IDS, String.class, List.of());
    }

    static long lastAddedAt(Document association) {
        return ((Number) association.get(LAST_ADDED_AT)).longValue();
    }

    private void deleteIfUnchanged(String id, long version) {
        associations.deleteOne(atVersion(id, version));
    }

    /**
     * Builds the filter as a plain document because {@code Filters.and} renders {@code $and}, which mongo-java-server
     * does not match against an index.
     */
    private static Bson atVersion(String id, long version) {
        return new Document(ID, id).append(VERSION, version);
    }

    private static long version(Document association) {
        return ((Number) association.get(VERSION)).longValue();
    }
}
