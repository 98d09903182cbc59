package io.openloop.ledger.command.tool;

import java.util.Optional;

/**
 * The map from a tool's full name, {@code @publisher/name}, to its tool id. Names are unique across all tools, which
 * one aggregate cannot decide alone, so the map is a set-based lookup beside the event store.
 */
public interface ToolDirectory {

    /**
     * Returns the id of the tool named {@code toolName}, claiming a new id when the name has none. Concurrent callers
     * for one name get the same id. A claimed id stays with its name even if the first publish is rejected, which is
     * harmless: the next publish of that name creates the tool under the same id.
     */
    String idFor(String toolName);

    /** Returns the id of the tool named {@code toolName}, if one was claimed. */
    Optional<String> find(String toolName);
}
