package io.openloop.ledger.api.fuzz;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.bson.Document;

/**
 * A fingerprint of what the ledger stores: the event count, the next global position, and a digest of each read
 * model collection. Two equal fingerprints mean that no event was appended and no read model changed in between.
 */
final class StoreState {

    /**
     * Collections that change without a ledger write: processor tokens and claims, the audit digester's checkpoints,
     * stored idempotent responses, the last use of each key, deadlines and sagas. The event store itself is
     * compared by count and position instead.
     */
    private static final Set<String> NOT_READ_MODELS = Set.of(
            "events",
            "sequences",
            "snapshots",
            "tokens",
            "token_entry",
            "audit_checkpoints",
            "idempotency",
            "key_usage",
            "deadlines",
            "sagas",
            "associations");

    private final MongoDatabase database;

    StoreState(MongoDatabase database) {
        this.database = database;
    }

    /** The fingerprint. {@code readModels} maps each read model collection to its count and documents' digest. */
    record Fingerprint(long events, long nextPosition, Map<String, String> readModels) {

        /** Names what differs from {@code other}, or returns an empty list when the two are equal. */
        List<String> differences(Fingerprint other) {
            List<String> differences = new ArrayList<>();
            if (events != other.events) {
                differences.add("events " + events + " -> " + other.events);
            }
            if (nextPosition != other.nextPosition) {
                differences.add("next position " + nextPosition + " -> " + other.nextPosition);
            }
            for (String collection : readModels.keySet()) {
                if (!Objects.equals(readModels.get(collection), other.readModels.get(collection))) {
                    differences.add("read model " + collection);
                }
            }
            for (String collection : other.readModels.keySet()) {
                if (!readModels.containsKey(collection)) {
                    differences.add("new read model " + collection);
                }
            }
            return differences;
        }
    }

    Fingerprint read() {
        long events = database.getCollection("events").countDocuments();
        // The sequences collection may hold several counters, and the one of the events has the id "events".
        Document counter = database.getCollection("sequences")
                .find(new Document("_id", "events"))
                .first();
        long next = counter == null ? 0 : ((Number) counter.getOrDefault("next", 0L)).longValue();
        Map<String, String> readModels = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            // A replay that another test started may still write its shadow collections; they are not read models.
            if (!NOT_READ_MODELS.contains(name) && !name.startsWith("system.") && !name.endsWith("__replay")) {
                readModels.put(name, digest(database.getCollection(name)));
            }
        }
        return new Fingerprint(events, next, readModels);
    }

    /** Returns the names of the collections compared as read models. */
    Set<String> readModelNames() {
        return read().readModels().keySet();
    }

    private static String digest(MongoCollection<Document> collection) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long count = 0;
        for (Document document : collection.find().sort(new Document("_id", 1))) {
            sha.update(document.toJson().getBytes(StandardCharsets.UTF_8));
            count++;
        }
        return count + ":" + HexFormat.of().formatHex(sha.digest());
    }
}
