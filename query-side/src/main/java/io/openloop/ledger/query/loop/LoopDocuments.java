package io.openloop.ledger.query.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyView;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.VerificationStatus;
import java.time.Instant;
import java.util.Collections;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bson.Document;

/** Reads the documents of the loop read models into the query responses. */
final class LoopDocuments {

    private LoopDocuments() {}

    static LoopView toView(Document loop) {
        return new LoopView(
                loop.getString("_id"),
                loop.getString("handle"),
                loop.getString("displayName"),
                LoopKind.fromWireName(loop.getString("kind")),
                Plan.fromWireName(loop.getString("plan")),
                LoopStatus.fromWireName(loop.getString("status")),
                loop.getString("parentLoopId"),
                stringList(loop, "ancestors"),
                scopes(loop.getList("permissions", String.class)),
                stringSet(loop, "skills"),
                executionMode(loop.getString("executionMode")),
                verification(loop.getString("verification")),
                instant(loop.getDate("createdAt")),
                instant(loop.getDate("updatedAt")),
                loop.getLong("version"));
    }

    static ApiKeyView toKeyView(Document key) {
        return new ApiKeyView(
                key.getString("_id"),
                key.getString("loopId"),
                key.getString("name"),
                KeyMode.fromWireName(key.getString("mode")),
                scopes(key.getList("scopes", String.class)),
                key.getBoolean("owner", false),
                key.getString("prefix"),
                instant(key.getDate("createdAt")),
                instant(key.getDate("expiresAt")),
                instant(key.getDate("revokedAt")));
    }

    /** Parses scope wire names; a name this version does not know is dropped rather than failing the whole read. */
    static Set<Scope> scopes(List<String> names) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (names != null) {
            for (String name : names) {
                Scope scope = Scope.fromWireName(name);
                if (scope != null) {
                    scopes.add(scope);
                }
            }
        }
        return Collections.unmodifiableSet(scopes);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static List<String> stringList(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? List.of() : List.copyOf(values);
    }

    private static Set<String> stringSet(Document document, String field) {
        List<String> values = document.getList(field, String.class);
        return values == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static ExecutionMode executionMode(String wireName) {
        ExecutionMode mode = ExecutionMode.fromWireName(wireName);
        return mode == null ? ExecutionMode.GUIDED : mode;
    }

    private static VerificationStatus verification(String wireName) {
        if (wireName == null) {
            return VerificationStatus.NOT_APPLICABLE;
        }
        return VerificationStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
    }
}
