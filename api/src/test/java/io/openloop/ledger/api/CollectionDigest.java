package io.openloop.ledger.api;

import com.mongodb.client.MongoCollection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;

/**
 * A SHA-256 digest of a collection's documents, taken in {@code _id} order with each document's fields in name order,
 * so it depends on neither the storage order nor the order in which a projection's segments added the fields.
 */
final class CollectionDigest {

    private CollectionDigest() {}

    static String of(MongoCollection<Document> collection) {
        List<Document> documents = collection.find().into(new ArrayList<>());
        documents.sort(Comparator.comparing(document -> String.valueOf(document.get("_id"))));
        MessageDigest sha256 = sha256();
        for (Document document : documents) {
            sha256.update(canonical(document).toJson().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        }
        return documents.size() + " documents, sha256 " + HexFormat.of().formatHex(sha256.digest());
    }

    private static Document canonical(Document document) {
        Document sorted = new Document();
        for (String name : new TreeSet<>(document.keySet())) {
            sorted.append(name, canonicalValue(document.get(name)));
        }
        return sorted;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Document nested) {
            return canonical(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            for (Object element : list) {
                values.add(canonicalValue(element));
            }
            return values;
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
