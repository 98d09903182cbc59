package io.openloop.ledger.store.testing;

import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** One filter the driver sent: the command, the collection and the filter document. */
public record RecordedQuery(String command, String collection, BsonDocument filter) {

    public List<String> fields() {
        return List.copyOf(filter.keySet());
    }

    /** Tells whether every field is compared by equality or {@code $in}, the only operators a unique index serves. */
    public boolean onlyEqualityOrIn() {
        for (BsonValue value : filter.values()) {
            if (value.isDocument()) {
                BsonDocument operators = value.asDocument();
                if (!operators.keySet().equals(java.util.Set.of("$in"))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        String text = filter.toJson();
        if (text.length() > 160) {
            text = text.substring(0, 160) + "...";
        }
        return command + " " + collection + " " + text;
    }
}
