package io.openloop.ledger.query.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.LoopGrant;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.projection.loop.LoopReadModels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Looks up what authentication needs on every request: a key by the keyed hash of its secret, and a loop with its
 * chain of ancestors. The API calls it directly rather than through the query bus, because it runs on every request.
 *
 * <p>Both reads come from the read models: {@code api_keys} by its unique {@code hash}, and {@code loops} by
 * {@code _id}, then {@code _id $in} the ancestors. Found entries are cached for {@code openloop.auth.cache-ttl}
 * (default 2 seconds, 0 turns the cache off), so a revocation, suspension or narrowing takes effect within the
 * projection's lag plus that time, or at once after {@link #invalidate} or {@link #invalidateKey}. Misses are not
 * cached, so a key is usable as soon as its projection has stored it.
 */
@Component
public class CredentialLookup {

    private static final Logger log = LoggerFactory.getLogger(CredentialLookup.class);

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> loops;
    private final Cache<String, KeyCredential> keysByHash;
    private final Cache<String, LoopAuthority> authorities;

    @Autowired
    public CredentialLookup(
            MongoDatabase database,
            @Value("${openloop.auth.cache-ttl:2s}") Duration ttl,
            @Value("${openloop.auth.cache-size:10000}") long maximumSize) {
        this(database, ttl, maximumSize, Ticker.systemTicker());
    }

    CredentialLookup(MongoDatabase database, Duration ttl, long maximumSize, Ticker ticker) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("openloop.auth.cache-ttl is " + ttl + "; set 0 or a positive duration");
        }
        this.keys = database.getCollection(LoopReadModels.API_KEYS);
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.keysByHash = cache(ttl, maximumSize, ticker);
        this.authorities = cache(ttl, maximumSize, ticker);
    }

    private static <V> Cache<String, V> cache(Duration ttl, long maximumSize, Ticker ticker) {
        return Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(ttl.isZero() ? 0 : maximumSize)
                .ticker(ticker)
                .build();
    }

    /** Returns the key whose secret has this keyed hash, revoked and expired keys included; empty if none has. */
    public Optional<KeyCredential> findByHash(String hash) {
        if (hash == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(keysByHash.get(hash, this::loadKey));
    }

    /** Returns the loop with its chain of ancestors; empty when the loop or an ancestor is not in the read model. */
    public Optional<LoopAuthority> loopAuthority(String loopId) {
        if (loopId == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(authorities.get(loopId, this::loadAuthority));
    }

    /**
     * Drops the cached chains that include {@code loopId}: the loop's own and every cached descendant's, because a
     * change to a loop changes what its descendants may do.
     */
    public void invalidate(String loopId) {
        authorities.asMap().values().removeIf(authority -> authority.isManagedBy(loopId));
    }

    /** Drops the cached key with this hash. */
    public void invalidateKey(String hash) {
        keysByHash.invalidate(hash);
    }

    private KeyCredential loadKey(String hash) {
        Document key = keys.find(Filters.eq("hash", hash)).first();
        if (key == null) {
            return null;
        }
        return new KeyCredential(
                key.getString("_id"),
                key.getString("loopId"),
                KeyMode.fromWireName(key.getString("mode")),
                scopes(key.getList("scopes", String.class)),
                key.getBoolean("owner", false),
                instant(key.getDate("expiresAt")),
                instant(key.getDate("revokedAt")));
    }

    private LoopAuthority loadAuthority(String loopId) {
        Document loop = loops.find(Filters.eq("_id", loopId)).first();
        if (loop == null) {
            return null;
        }
        List<String> ancestorIds = loop.getList("ancestors", String.class, List.of());
        Map<String, Document> ancestors = new HashMap<>();
        if (!ancestorIds.isEmpty()) {
            for (Document ancestor : loops.find(Filters.in("_id", ancestorIds))) {
                ancestors.put(ancestor.getString("_id"), ancestor);
            }
        }

        List<LoopGrant> chain = new ArrayList<>(ancestorIds.size() + 1);
        for (String ancestorId : ancestorIds) {
            Document ancestor = ancestors.get(ancestorId);
            if (ancestor == null) {
                // The ancestor's registration is projected in another segment and may not be stored yet.
                log.warn(
                        "Loop {} names ancestor {}, which is not in the read model yet; not authorizing",
                        loopId,
                        ancestorId);
                return null;
            }
            chain.add(grant(ancestor));
        }
        chain.add(grant(loop));

        ExecutionMode mode = ExecutionMode.fromWireName(loop.getString("executionMode"));
        return new LoopAuthority(
                loopId,
                LoopKind.fromWireName(loop.getString("kind")),
                Plan.fromWireName(loop.getString("plan")),
                mode == null ? ExecutionMode.GUIDED : mode,
                chain);
    }

    private static LoopGrant grant(Document loop) {
        return new LoopGrant(
                loop.getString("_id"),
                scopes(loop.getList("permissions", String.class)),
                Set.copyOf(loop.getList("skills", String.class, List.of())),
                LoopStatus.fromWireName(loop.getString("status")));
    }

    /** Parses scope wire names; a name this version does not know grants nothing. */
    private static Set<Scope> scopes(List<String> names) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (names != null) {
            for (String name : names) {
                Scope scope = Scope.fromWireName(name);
                if (scope != null) {
                    scopes.add(scope);
                }
            }
        }
        return scopes;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
