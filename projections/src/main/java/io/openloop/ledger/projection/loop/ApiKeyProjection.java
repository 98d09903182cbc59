package io.openloop.ledger.projection.loop;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import java.time.Instant;
import java.util.Date;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the key read models: {@code api_keys}, one document per key with a unique index on {@code hash} because
 * authentication looks keys up by hash, and {@code loop_keys}, each loop's key ids in issue order, so listing a loop's
 * keys takes two {@code _id} lookups and never a scan.
 *
 * <p>Idempotent without versions: a key is inserted once by id, its id is added to the loop's list as a set member,
 * and revocation sets the event's time, so an event applied twice leaves the same documents.
 */
@Component
@ProcessingGroup(ApiKeyProjection.PROCESSING_GROUP)
class ApiKeyProjection {

    static final String PROCESSING_GROUP = "api-keys";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyProjection.class);

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> loopKeys;

    ApiKeyProjection(MongoDatabase database) {
        this.keys = database.getCollection(LoopReadModels.API_KEYS);
        this.loopKeys = database.getCollection(LoopReadModels.LOOP_KEYS);
        keys.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));
    }

    @EventHandler
    void on(ApiKeyIssuedEvent event) {
        Document key = new Document("_id", event.keyId())
                .append("loopId", event.loopId())
                .append("name", event.name())
                .append("mode", event.mode().wireName())
                .append(
                        "scopes",
                        event.scopes().stream().sorted().map(Scope::wireName).toList())
                .append("owner", event.owner())
                .append("hash", event.hash())
                .append("prefix", event.prefix())
                .append("createdAt", Date.from(event.issuedAt()))
                .append("expiresAt", date(event.expiresAt()))
                .append("revokedAt", null)
                .append("replaces", event.replaces());
        insertOnce(key);

        loopKeys.updateOne(
                Filters.eq("_id", event.loopId()),
                Updates.addToSet("keyIds", event.keyId()),
                new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(ApiKeyRevokedEvent event) {
        keys.updateOne(Filters.eq("_id", event.keyId()), Updates.set("revokedAt", Date.from(event.revokedAt())));
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {} and {} read models before replay", LoopReadModels.API_KEYS, LoopReadModels.LOOP_KEYS);
        keys.deleteMany(new Document());
        loopKeys.deleteMany(new Document());
    }

    private void insertOnce(Document key) {
        try {
            keys.insertOne(key);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // The same id again is a repeated event; the same hash under another id is a collision to surface.
            if (keys.find(Filters.eq("_id", key.getString("_id"))).first() == null) {
                throw e;
            }
            log.debug("Key {} is already in the read model; skipped", key.getString("_id"));
        }
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
