package io.openloop.ledger.api.replay;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The documents of a {@link StagingStore} changed since a {@link ShadowWriter} last wrote them to the shadow
 * collections, by collection and {@code _id}. A write whose documents are not known by {@code _id}, such as a {@code
 * deleteMany} or an update by another field, marks its whole collection instead, which is then copied whole at the
 * cut-over.
 */
final class StagedChanges {

    private Map<String, Set<Object>> changed = new HashMap<>();
    private final Set<String> wholeCollections = new HashSet<>();

    /** Marks the document of {@code collection} with {@code id}, in the backend's form, as changed. */
    synchronized void changed(String collection, Object id) {
        changed.computeIfAbsent(collection, name -> new LinkedHashSet<>()).add(id);
    }

    /** Marks {@code collection} as changed in ways not known by {@code _id}. */
    synchronized void changedWhole(String collection) {
        wholeCollections.add(collection);
    }

    /** Returns the documents changed since the last call, by collection, and clears them. */
    synchronized Map<String, Set<Object>> drain() {
        Map<String, Set<Object>> drained = changed;
        changed = new HashMap<>();
        return drained;
    }

    synchronized boolean isWhole(String collection) {
        return wholeCollections.contains(collection);
    }

    synchronized Set<String> wholeCollections() {
        return Set.copyOf(wholeCollections);
    }
}
