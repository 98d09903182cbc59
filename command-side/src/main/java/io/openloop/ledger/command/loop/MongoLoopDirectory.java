package io.openloop.ledger.command.loop;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.Plan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link LoopDirectory} in the {@code loop_directory} collection: one document per loop with the loop id as
 * {@code _id}.
 *
 * <p>Writes are compare-and-set on {@code {_id, version}}: read the entry, skip when its version is at or after the
 * write's, otherwise replace it only if it still has the version read. A unique index on exactly {@code _id} and
 * {@code version} lets the in-process store serve that filter from an index, because it serves a filter from an index
 * only when the filter's fields are exactly the index's fields. Ancestors are read with {@code _id $in}.
 */
public class MongoLoopDirectory implements LoopDirectory {

    static final String COLLECTION = "loop_directory";

    /** Compare-and-set attempts before giving up; only the aggregate and the event handler write, so two suffice. */
    private static final int MAX_ATTEMPTS = 5;

    private static final Logger log = LoggerFactory.getLogger(MongoLoopDirectory.class);

    private final MongoCollection<Document> entries;

    public MongoLoopDirectory(MongoDatabase database) {
        this.entries = database.getCollection(COLLECTION);
        entries.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    @Override
    public Optional<LoopLineage> lineage(String loopId) {
        Document loop = entries.find(Filters.eq("_id", loopId)).first();
        if (loop == null) {
            return Optional.empty();
        }
        List<String> ancestorIds = loop.getList("ancestors", String.class);
        Map<String, LoopDirectoryEntry> ancestors = new HashMap<>();
        if (!ancestorIds.isEmpty()) {
            for (Document ancestor : entries.find(Filters.in("_id", ancestorIds))) {
                ancestors.put(ancestor.getString("_id"), toEntry(ancestor));
            }
        }

        List<LoopDirectoryEntry> chain = new ArrayList<>(ancestorIds.size() + 1);
        for (String ancestorId : ancestorIds) {
            LoopDirectoryEntry ancestor = ancestors.get(ancestorId);
            if (ancestor == null) {
                log.warn(
                        "Loop {} names ancestor {}, which is not in {}; treating the loop as unknown until the "
                                + "loop-directory event handler restores it",
                        loopId,
                        ancestorId,
                        COLLECTION);
                return Optional.empty();
            }
            chain.add(ancestor);
        }
        chain.add(toEntry(loop));
        return Optional.of(new LoopLineage(chain));
    }

    @Override
    public void record(LoopDirectoryEntry entry) {
        Document replacement = toDocument(entry);
        compareAndSet(entry.loopId(), entry.version(), stored -> replacement, true);
    }

    @Override
    public void recordPermissions(String loopId, Set<Scope> permissions, Set<String> skills, long version) {
        compareAndSet(
                loopId,
                version,
                stored -> new Document(stored)
                        .append("permissions", scopeNames(permissions))
                        .append("skills", List.copyOf(skills))
                        .append("version", version),
                false);
    }

    @Override
    public void recordStatus(String loopId, LoopStatus status, long version) {
        compareAndSet(
                loopId,
                version,
                stored ->
                        new Document(stored).append("status", status.wireName()).append("version", version),
                false);
    }

    private void compareAndSet(String loopId, long version, UnaryOperator<Document> change, boolean mayInsert) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Document stored = entries.find(Filters.eq("_id", loopId)).first();
            if (stored == null) {
                if (!mayInsert) {
                    log.warn(
                            "Loop {} is not in {}; skipped a change at version {} that needs its registration first",
                            loopId,
                            COLLECTION,
                            version);
                    return;
                }
                if (insert(change.apply(null))) {
                    return;
                }
                continue;
            }

            long storedVersion = stored.getLong("version");
            if (storedVersion >= version) {
                return;
            }
            Document filter = new Document("_id", loopId).append("version", storedVersion);
            if (entries.replaceOne(filter, change.apply(stored)).getMatchedCount() == 1) {
                return;
            }
        }
        throw new IllegalStateException("Could not write loop " + loopId + " at version " + version + " to "
                + COLLECTION + " after " + MAX_ATTEMPTS + " attempts; another writer kept changing it");
    }

    private boolean insert(Document document) {
        try {
            entries.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private static Document toDocument(LoopDirectoryEntry entry) {
        return new Document("_id", entry.loopId())
                .append("parentLoopId", entry.parentLoopId())
                .append("ancestors", entry.ancestors())
                .append("permissions", scopeNames(entry.permissions()))
                .append("skills", List.copyOf(entry.skills()))
                .append("status", entry.status().wireName())
                .append("kind", entry.kind().wireName())
                .append("plan", entry.plan().wireName())
                .append("version", entry.version());
    }

    private static LoopDirectoryEntry toEntry(Document document) {
        List<Scope> permissions = new ArrayList<>();
        for (String name : document.getList("permissions", String.class)) {
            permissions.add(Scope.fromWireName(name));
        }
        return new LoopDirectoryEntry(
                document.getString("_id"),
                document.getString("parentLoopId"),
                document.getList("ancestors", String.class),
                Set.copyOf(permissions),
                Set.copyOf(document.getList("skills", String.class)),
                LoopStatus.fromWireName(document.getString("status")),
                LoopKind.fromWireName(document.getString("kind")),
                Plan.fromWireName(document.getString("plan")),
                document.getLong("version"));
    }

    private static List<String> scopeNames(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }
}
