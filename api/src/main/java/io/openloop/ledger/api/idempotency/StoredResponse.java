package io.openloop.ledger.api.idempotency;

import org.bson.Document;
import org.bson.types.Binary;

/**
 * The first response to an idempotent request, as replayed to later requests with the same key.
 *
 * @param location the {@code Location} header, or null
 * @param contentType the {@code Content-Type} header, or null
 */
record StoredResponse(int status, String location, String contentType, byte[] body) {

    Document toDocument() {
        Document document = new Document("status", status);
        if (location != null) {
            document.append("location", location);
        }
        if (contentType != null) {
            document.append("contentType", contentType);
        }
        return document.append("body", new Binary(body));
    }

    static StoredResponse fromDocument(Document document) {
        Binary body = document.get("body", Binary.class);
        return new StoredResponse(
                document.getInteger("status"),
                document.getString("location"),
                document.getString("contentType"),
                body == null ? new byte[0] : body.getData());
    }
}
