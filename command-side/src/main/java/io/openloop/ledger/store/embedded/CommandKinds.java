package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sorts wire commands into read-only commands and writes. Only writes wait for a commit before their reply. A command
 * missing from the read-only list counts as a write, so a command added by a later mongo-java-server version is
 * committed rather than acknowledged before it is durable.
 */
final class CommandKinds {

    /**
     * Commands of mongo-java-server 1.47.0 that change no stored document, collection or index, in lower case because
     * the server matches command names without regard to case.
     */
    private static final Set<String> READ_ONLY = Set.of(
            "buildinfo",
            "collstats",
            "connectionstatus",
            "count",
            "dbstats",
            "distinct",
            "endsessions",
            "find",
            "getcmdlineopts",
            "getfreemonitoringstatus",
            "getlasterror",
            "getlog",
            "getmore",
            "hello",
            "hostinfo",
            "ismaster",
            "killcursors",
            "listcollections",
            "listdatabases",
            "listindexes",
            "ping",
            "replsetgetstatus",
            "reseterror",
            "serverstatus",
            "validate",
            "whatsmyuri");

    private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");

    private CommandKinds() {}

    /** Returns whether {@code command} changes nothing stored, so its reply needs no commit. */
    static boolean isReadOnly(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return !hasWritingStage(query.get("pipeline"));
        }
        return READ_ONLY.contains(name);
    }

    private static boolean hasWritingStage(Object pipeline) {
        if (!(pipeline instanceof List<?> stages)) {
            return false;
        }
        for (Object stage : stages) {
            if (stage instanceof Document document && document.keySet().stream().anyMatch(WRITING_STAGES::contains)) {
                return true;
            }
        }
        return false;
    }
}
