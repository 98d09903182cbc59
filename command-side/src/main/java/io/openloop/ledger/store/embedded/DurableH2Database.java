package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.MVStore;

/**
 * The H2 database of mongo-java-server with a {@code renameCollection} that survives a reopen.
 *
 * <p>mongo-java-server 1.47.0 keeps a collection in the MVStore maps {@code databases.<db>.<collection>} (documents),
 * {@code meta.<db>.<collection>} and {@code <db>.<collection>._index_<index>} (one per index). Its
 * {@code H2Database.moveCollection} reads the collection's name after renaming it, so it renames the maps of the new
 * name onto themselves and leaves the documents and index entries under the old name. The renamed collection works
 * until the store is closed, and opens empty, with empty indexes, afterwards. This class moves the maps themselves.
 */
final class DurableH2Database extends H2Database {

    private static final String DATA_PREFIX = "databases.";
    private static final String META_PREFIX = "meta.";
    private static final String INDEX_INFIX = "._index_";

    private final MVStore store;

    DurableH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    @Override
    public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
        String oldNamespace = collection.getFullName();
        String newNamespace = getDatabaseName() + "." + newCollectionName;
        List<String> oldIndexMaps = mapsStartingWith(oldNamespace + INDEX_INFIX);

        super.moveCollection(oldDatabase, collection, newCollectionName);

        moveMap(DATA_PREFIX + oldNamespace, DATA_PREFIX + newNamespace);
        moveMap(META_PREFIX + oldNamespace, META_PREFIX + newNamespace);
        for (String stale : mapsStartingWith(newNamespace + INDEX_INFIX)) {
            if (!oldIndexMaps.contains(stale)) {
                store.removeMap(stale);
            }
        }
        for (String indexMap : oldIndexMaps) {
            moveMap(indexMap, newNamespace + indexMap.substring(oldNamespace.length()));
        }
    }

    /** Renames map {@code from} to {@code to}, replacing a map of that name, such as the empty one the base opened. */
    private void moveMap(String from, String to) {
        if (from.equals(to) || !store.hasMap(from)) {
            return;
        }
        if (store.hasMap(to)) {
            store.removeMap(to);
        }
        store.renameMap(store.openMap(from), to);
    }

    private List<String> mapsStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        for (String name : store.getMapNames()) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        return names;
    }
}
