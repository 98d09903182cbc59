package io.openloop.ledger.store.events;

import com.mongodb.client.model.IndexModel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;

/**
 * One index the event store relies on: the collection, the index model, and whether MongoDB creates it by itself
 * (the {@code _id} index of every collection).
 *
 * <p>Every query the engine sends is an equality or {@code $in} on exactly the fields of one declared index, because
 * mongo-java-server serves a query from a unique index only when the query's fields equal the index's fields, and
 * scans the whole collection otherwise.
 */
public record IndexDeclaration(String collection, IndexModel model, boolean implicit) {

    /** Returns the indexed field names in key order. */
    public List<String> fields() {
        BsonDocument keys = model.getKeys().toBsonDocument();
        return new ArrayList<>(keys.keySet());
    }

    @Override
    public String toString() {
        return collection
                + fields()
                + (model.getOptions().isUnique() ? " unique" : "")
                + (implicit ? " (implicit)" : "");
    }
}
