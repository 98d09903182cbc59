package io.openloop.ledger.api.replay;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.InsertOneResult;
import com.mongodb.client.result.UpdateResult;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.QueryMatcher;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.codecs.configuration.CodecRegistry;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The driver's {@link MongoDatabase} and {@link MongoCollection} over a {@link StagingStore}, as far as read-model
 * handlers use them: {@code getCollection}, and on a collection {@code find(filter)} with {@code first()}, {@code
 * limit} or iteration, {@code insertOne}, {@code updateOne}, {@code updateMany}, {@code replaceOne}, {@code deleteOne},
 * {@code deleteMany}, {@code createIndex} and {@code createIndexes} (unique or not). Writes run as the same commands
 * the driver sends and report write errors as the driver does, as a {@link MongoWriteException}. Any other method
 * throws {@link UnsupportedOperationException}, so a handler that needs more fails its replay instead of writing
 * something different.
 */
final class StagingCollections {

    private static final ServerAddress ADDRESS = new ServerAddress("staging", 0);

    private StagingCollections() {}

    static MongoDatabase database(StagingStore store, CodecRegistry codecs) {
        Map<String, MongoCollection<org.bson.Document>> collections = new ConcurrentHashMap<>();
        return proxy(MongoDatabase.class, (proxy, method, arguments) -> switch (method.getName()) {
            case "getName" -> StagingStore.DATABASE;
            case "getCodecRegistry" -> codecs;
            case "getCollection" ->
                collections.computeIfAbsent((String) arguments[0], name -> collection(store, codecs, name));
            default -> unsupported(proxy, method, arguments);
        });
    }

    private static MongoCollection<org.bson.Document> collection(
            StagingStore store, CodecRegistry codecs, String name) {
        Writes writes = new Writes(store, name);
        @SuppressWarnings("unchecked")
        MongoCollection<org.bson.Document> collection =
                proxy(MongoCollection.class, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getNamespace" -> new MongoNamespace(StagingStore.DATABASE, name);
                    case "getDocumentClass" -> org.bson.Document.class;
                    case "getCodecRegistry" -> codecs;
                    case "find" -> find(store, name, filterOf(arguments), 0);
                    case "insertOne" -> writes.insertOne((org.bson.Document) arguments[0]);
                    case "updateOne", "updateMany" -> writes.update(method.getName(), arguments);
                    case "replaceOne" -> writes.replaceOne(arguments);
                    case "deleteOne" -> writes.delete((Bson) arguments[0], 1);
                    case "deleteMany" -> writes.delete((Bson) arguments[0], 0);
                    case "createIndex" ->
                        writes.createIndexes(List.of(new IndexModel(
                                        (Bson) arguments[0],
                                        arguments.length > 1 ? (IndexOptions) arguments[1] : new IndexOptions())))
                                .get(0);
                    case "createIndexes" -> writes.createIndexes(indexModels(arguments[0]));
                    default -> unsupported(proxy, method, arguments);
                });
        return collection;
    }

    private static Bson filterOf(Object[] arguments) {
        if (arguments != null && arguments.length > 0 && arguments[0] instanceof Bson filter) {
            return filter;
        }
        return new org.bson.Document();
    }

    @SuppressWarnings("unchecked")
    private static List<IndexModel> indexModels(Object argument) {
        return (List<IndexModel>) argument;
    }

    @SuppressWarnings("unchecked")
    private static FindIterable<org.bson.Document> find(StagingStore store, String name, Bson filter, int limit) {
        return proxy(FindIterable.class, (proxy, method, arguments) -> switch (method.getName()) {
            case "first" -> {
                List<org.bson.Document> found = store.find(name, filter, 1);
                yield found.isEmpty() ? null : found.get(0);
            }
            case "limit" -> find(store, name, filter, (Integer) arguments[0]);
            case "batchSize" -> proxy;
            case "iterator", "cursor" -> cursor(store.find(name, filter, limit).iterator());
            default -> unsupported(proxy, method, arguments);
        });
    }

    @SuppressWarnings("unchecked")
    private static MongoCursor<org.bson.Document> cursor(Iterator<org.bson.Document> documents) {
        return proxy(MongoCursor.class, (proxy, method, arguments) -> switch (method.getName()) {
            case "hasNext" -> documents.hasNext();
            case "next" -> documents.next();
            case "tryNext" -> documents.hasNext() ? documents.next() : null;
            case "close" -> null;
            default -> unsupported(proxy, method, arguments);
        });
    }

    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        InvocationHandler objectMethods = (proxy, method, arguments) -> switch (method.getName()) {
            case "toString" -> "staging " + type.getSimpleName();
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == arguments[0];
            default -> handler.invoke(proxy, method, arguments);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, objectMethods));
    }

    private static Object unsupported(Object proxy, Method method, Object[] arguments) throws Throwable {
        if (method.isDefault()) {
            try {
                return InvocationHandler.invokeDefault(proxy, method, arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
        throw new UnsupportedOperationException("The replay staging store does not support "
                + method.getDeclaringClass().getSimpleName() + "." + method.getName()
                + "; extend StagingCollections or replay on the real store");
    }

    /** The write commands of one collection. */
    private static final class Writes {

        private final StagingStore store;
        private final String name;
        private final QueryMatcher matcher = new DefaultQueryMatcher();

        Writes(StagingStore store, String name) {
            this.store = store;
            this.name = name;
        }

        InsertOneResult insertOne(org.bson.Document document) {
            if (!document.containsKey("_id")) {
                document.put("_id", new ObjectId());
            }
            Document inserted = store.toServer(document);
            run(new Document("insert", name).append("documents", List.of(inserted)));
            store.changes().changed(name, inserted.get("_id"));
            return InsertOneResult.acknowledged(idOf(document));
        }

        UpdateResult update(String method, Object[] arguments) {
            if (!(arguments[1] instanceof Bson update)) {
                throw new UnsupportedOperationException(
                        "The replay staging store does not support update pipelines; use update operators");
            }
            boolean upsert = arguments.length > 2 && ((UpdateOptions) arguments[2]).isUpsert();
            return write((Bson) arguments[0], update, upsert, method.equals("updateMany"));
        }

        UpdateResult replaceOne(Object[] arguments) {
            boolean upsert = arguments.length > 2 && ((ReplaceOptions) arguments[2]).isUpsert();
            return write((Bson) arguments[0], (Bson) arguments[1], upsert, false);
        }

        DeleteResult delete(Bson filter, int limit) {
            Document query = store.toServer(filter);
            Document delete = new Document("q", query).append("limit", limit);
            Document reply = run(new Document("delete", name).append("deletes", List.of(delete)));
            markChanged(query, limit != 1);
            return DeleteResult.acknowledged(((Number) reply.get("n")).longValue());
        }

        /**
         * Creates the indexes, except a unique one that starts with {@code _id}: the {@code _id} index already makes
         * it unique, and {@link #byIdWhenStoredMatches} serves the filters it would serve.
         */
        List<String> createIndexes(List<IndexModel> models) {
            List<Document> indexes = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (IndexModel model : models) {
                Document keys = store.toServer(model.getKeys());
                IndexOptions options = model.getOptions();
                String indexName = options.getName() != null ? options.getName() : indexName(keys);
                names.add(indexName);
                if (options.isUnique() && keys.keySet().iterator().next().equals("_id")) {
                    continue;
                }
                Document index = new Document("key", keys).append("name", indexName);
                if (options.isUnique()) {
                    index.append("unique", true);
                }
                indexes.add(index);
            }
            if (!indexes.isEmpty()) {
                run(new Document("createIndexes", name).append("indexes", indexes));
            }
            return names;
        }

        private UpdateResult write(Bson filter, Bson update, boolean upsert, boolean multi) {
            Document query = store.toServer(filter);
            Document selector = multi ? query : byIdWhenStoredMatches(query, upsert);
            if (selector == null) {
                return UpdateResult.acknowledged(0, 0L, null);
            }
            Document statement = new Document("q", selector)
                    .append("u", store.toServer(update))
                    .append("upsert", upsert)
                    .append("multi", multi);
            Document reply = run(new Document("update", name).append("updates", List.of(statement)));
            markChanged(query, multi);
            if (reply.get("upserted") instanceof List<?> upserted && !upserted.isEmpty()) {
                store.changes().changed(name, ((Document) upserted.get(0)).get("_id"));
            }
            return updateResult(reply);
        }

        /**
         * Serves a filter on a plain {@code _id} and other fields, such as the compare-and-set {@code {_id, version}},
         * from the {@code _id} index. mongo-java-server uses an index only for a filter with exactly the index's
         * fields, so such a filter would otherwise need a compound index that the store maintains on every write.
         * Only the replay's thread writes to the staging store, so reading the document, matching the whole filter
         * and then writing by {@code _id} alone is the same compare-and-set. Returns the selector to write with, or
         * null when nothing matches and the write is no upsert; an upsert that matches nothing keeps its filter, so
         * the store inserts or rejects it as it would.
         */
        private Document byIdWhenStoredMatches(Document query, boolean upsert) {
            Object id = query.get("_id");
            if (query.size() < 2 || id == null || id instanceof Document) {
                return query;
            }
            Document stored = store.findStoredById(name, id);
            if (stored != null && matcher.matches(stored, query)) {
                return new Document("_id", id);
            }
            return upsert ? query : null;
        }

        /**
         * Marks the document that {@code query} names by a plain {@code _id} as changed, or the whole collection when
         * the query names none or the write may change several documents.
         */
        private void markChanged(Document query, boolean many) {
            Object id = query.get("_id");
            if (!many && id != null && !(id instanceof Document)) {
                store.changes().changed(name, id);
            } else {
                store.changes().changedWhole(name);
            }
        }

        private Document run(Document command) {
            Document reply;
            try {
                reply = store.command(command);
            } catch (MongoServerError e) {
                throw writeException(e.getCode(), e.getMessageWithoutErrorCode());
            }
            Object errors = reply.get("writeErrors");
            if (errors instanceof List<?> list && !list.isEmpty()) {
                Document error = (Document) list.get(0);
                throw writeException(((Number) error.get("code")).intValue(), String.valueOf(error.get("errmsg")));
            }
            return reply;
        }

        private static MongoWriteException writeException(int code, String message) {
            return new MongoWriteException(new WriteError(code, message, new BsonDocument()), ADDRESS, Set.of());
        }

        private UpdateResult updateResult(Document reply) {
            long matched = ((Number) reply.get("n")).longValue();
            long modified = ((Number) reply.getOrDefault("nModified", 0)).longValue();
            BsonValue upsertedId = null;
            if (reply.get("upserted") instanceof List<?> upserted && !upserted.isEmpty()) {
                matched -= upserted.size();
                upsertedId = store.toBsonValue(((Document) upserted.get(0)).get("_id"));
            }
            return UpdateResult.acknowledged(matched, modified, upsertedId);
        }

        private static BsonValue idOf(org.bson.Document document) {
            return new org.bson.Document("_id", document.get("_id"))
                    .toBsonDocument()
                    .get("_id");
        }

        private static String indexName(Document keys) {
            List<String> parts = new ArrayList<>();
            keys.forEach((field, direction) -> parts.add(field + "_" + direction));
            return String.join("_", parts);
        }
    }
}
