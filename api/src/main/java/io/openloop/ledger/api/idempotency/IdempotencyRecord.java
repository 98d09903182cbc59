package io.openloop.ledger.api.idempotency;

import java.time.Instant;
import org.bson.Document;

/**
 * One stored idempotency key of one principal.
 *
 * @param fingerprint SHA-256 of the first request's method, path, query and body
 * @param claim the random id of the request that executes, so only it can complete or release the record
 * @param response the stored response, or null while the first request is still executing
 */
record IdempotencyRecord(String id, String fingerprint, String claim, Instant createdAt, StoredResponse response) {

    static final String STATE_PENDING = "pending";
    static final String STATE_COMPLETED = "completed";

    boolean isCompleted() {
        return response != null;
    }

    static IdempotencyRecord fromDocument(Document document) {
        Document response = document.get("response", Document.class);
        boolean completed = STATE_COMPLETED.equals(document.getString("state"));
        return new IdempotencyRecord(
                document.getString("_id"),
                document.getString("fingerprint"),
                document.getString("claim"),
                document.getDate("createdAt").toInstant(),
                completed && response != null ? StoredResponse.fromDocument(response) : null);
    }
}
