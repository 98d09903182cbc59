package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.Codec;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;

/**
 * A MongoDB store in memory, in the server's own process, in which a replay builds its read models: mongo-java-server's
 * memory backend, called directly instead of over a socket. Its writes wait for no durable commit and no round trip, so
 * a replay applies each event at memory speed and copies the result to the real store with {@code insertMany} at the
 * end. The documents stay on the heap until it is closed.
 *
 * <p>{@link #database()} offers the part of the driver's API that read-model handlers use (see {@link
 * StagingCollections}). Documents and filters pass through BSON on the way in and out, as they would over the wire, so
 * the backend gets the same values and applies the same query and update rules as the embedded store.
 */
final class StagingStore implements AutoCloseable {

    static final int COPY_BATCH = 1000;
    static final String DATABASE = "replay";

    private final MemoryBackend backend = new MemoryBackend();
    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final StagedChanges changes = new StagedChanges();
    private final Codec<org.bson.Document> documentCodec;
    private final MongoDatabase database;

    private StagingStore(CodecRegistry codecs) {
        this.documentCodec = codecs.get(org.bson.Document.class);
        this.database = StagingCollections.database(this, codecs);
    }

    /** Starts an empty store whose documents encode and decode with {@code codecs}, the real database's registry. */
    static StagingStore start(CodecRegistry codecs) {
        return new StagingStore(codecs);
    }

    MongoDatabase database() {
        return database;
    }

    /** Inserts every document of the staged collection into {@code target}, and returns how many there were. */
    long copy(String collection, MongoCollection<RawBsonDocument> target) {
        var staged = backend.resolveDatabase(DATABASE).resolveCollection(collection, false);
        if (staged == null) {
            return 0;
        }
        long copied = 0;
        List<RawBsonDocument> batch = new ArrayList<>(COPY_BATCH);
        for (de.bwaldvogel.mongo.bson.Document document : staged.queryAll()) {
            batch.add(toRaw(document));
            if (batch.size() == COPY_BATCH) {
                target.insertMany(batch);
                copied += batch.size();
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            target.insertMany(batch);
            copied += batch.size();
        }
        return copied;
    }

    /** Returns the document of {@code collection} with {@code id}, in the backend's form, or null. */
    RawBsonDocument findById(String collection, Object id) {
        de.bwaldvogel.mongo.bson.Document document = findStoredById(collection, id);
        return document == null ? null : toRaw(document);
    }

    /**
     * Returns the backend's own document of {@code collection} with {@code id}, or null. Callers must not change it,
     * because it is the stored instance.
     */
    de.bwaldvogel.mongo.bson.Document findStoredById(String collection, Object id) {
        var staged = backend.resolveDatabase(DATABASE).resolveCollection(collection, false);
        if (staged == null) {
            return null;
        }
        for (de.bwaldvogel.mongo.bson.Document document :
                staged.handleQuery(new de.bwaldvogel.mongo.bson.Document("_id", id), 0, 1)) {
            return document;
        }
        return null;
    }

    StagedChanges changes() {
        return changes;
    }

    /** Runs one command, such as {@code insert} or {@code update}, on the staging database and returns its reply. */
    de.bwaldvogel.mongo.bson.Document command(de.bwaldvogel.mongo.bson.Document command) {
        return backend.handleCommand(
                channel, DATABASE, command.keySet().iterator().next(), command);
    }

    /** Returns the documents of {@code collection} that match {@code filter}, at most {@code limit} (0: no limit). */
    List<org.bson.Document> find(String collection, Bson filter, int limit) {
        var staged = backend.resolveDatabase(DATABASE).resolveCollection(collection, false);
        if (staged == null) {
            return List.of();
        }
        List<org.bson.Document> found = new ArrayList<>();
        for (de.bwaldvogel.mongo.bson.Document document : staged.handleQuery(toServer(filter), 0, limit)) {
            found.add(toDriver(document));
        }
        return found;
    }

    /** Converts a driver document, filter or update to the backend's form by way of its BSON bytes. */
    de.bwaldvogel.mongo.bson.Document toServer(Bson bson) {
        RawBsonDocument raw;
        if (bson instanceof org.bson.Document document) {
            raw = new RawBsonDocument(document, documentCodec);
        } else {
            BsonDocument rendered = bson.toBsonDocument(BsonDocument.class, database.getCodecRegistry());
            raw = new RawBsonDocument(rendered, new BsonDocumentCodec());
        }
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(raw.getByteBuffer().asNIO()));
    }

    /** Converts a value of the backend's form, such as an upserted {@code _id}, to the driver's BSON value. */
    BsonValue toBsonValue(Object value) {
        return toRaw(new de.bwaldvogel.mongo.bson.Document("value", value)).get("value");
    }

    private org.bson.Document toDriver(de.bwaldvogel.mongo.bson.Document document) {
        return toRaw(document).decode(documentCodec);
    }

    private static RawBsonDocument toRaw(de.bwaldvogel.mongo.bson.Document document) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            BsonEncoder.encodeDocument(document, buffer);
            return new RawBsonDocument(ByteBufUtil.getBytes(buffer));
        } finally {
            buffer.release();
        }
    }

    @Override
    public void close() {
        backend.close();
        channel.finishAndReleaseAll();
    }
}
