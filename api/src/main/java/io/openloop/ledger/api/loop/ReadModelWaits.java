package io.openloop.ledger.api.loop;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.api.web.ReadModelPolling;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.projection.credit.CreditReadModels;
import io.openloop.ledger.projection.loop.LoopReadModels;
import io.openloop.ledger.projection.policy.LoopPolicyReadModels;
import io.openloop.ledger.query.auth.CredentialLookup;
import java.util.function.Predicate;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Waits, after a command, until the read models that authentication uses show its effect, so the caller's next
 * request observes it: a new key authenticates, a revoked key no longer does, a narrowed loop is narrowed. If the wait
 * times out the command still stands; the change then shows within the projection's lag.
 */
@Component
class ReadModelWaits {

    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> loops;
    private final MongoCollection<Document> policies;
    private final MongoCollection<Document> creditAccounts;
    private final CredentialLookup credentials;
    private final ReadModelPolling polling;

    ReadModelWaits(MongoDatabase database, CredentialLookup credentials, ReadModelPolling polling) {
        this.keys = database.getCollection(LoopReadModels.API_KEYS);
        this.loops = database.getCollection(LoopReadModels.LOOPS);
        this.policies = database.getCollection(LoopPolicyReadModels.LOOP_POLICIES);
        this.creditAccounts = database.getCollection(CreditReadModels.ACCOUNTS);
        this.credentials = credentials;
        this.polling = polling;
    }

    void keyIssued(String keyId) {
        await(
                "key " + keyId + " issued",
                () -> keys.find(Filters.eq("_id", keyId)).first(),
                key -> key != null);
    }

    void keyRevoked(String keyId) {
        Document key = await(
                "key " + keyId + " revoked",
                () -> keys.find(Filters.eq("_id", keyId)).first(),
                document -> document != null && document.get("revokedAt") != null);
        if (key != null) {
            credentials.invalidateKey(key.getString("hash"));
        }
    }

    /** Waits until a new loop is in the loop read model, which authenticating its owner key needs too. */
    void loopRegistered(String loopId) {
        await("loop " + loopId + " registered", () -> loopVersion(loopId), version -> version >= 0);
    }

    /**
     * Waits until a new loop's credit account is in the read model with its opening grant, if any, so the loop's
     * first request finds its credits.
     */
    void creditAccountOpened(String loopId, long openingGrant) {
        String accountId = CreditAccounts.accountIdOf(loopId);
        // The opening event has sequence number 0 and an opening grant follows at 1.
        long openedVersion = openingGrant > 0 ? 1 : 0;
        await(
                "credit account " + accountId + " opened",
                () -> creditAccounts.find(Filters.eq("_id", accountId)).first(),
                account ->
                        account != null && account.get("version", Number.class).longValue() >= openedVersion);
    }

    /** Returns the loop read model's version, or -1 when the loop is not there yet. */
    long loopVersion(String loopId) {
        Document loop = loops.find(Filters.eq("_id", loopId)).first();
        return loop == null ? -1 : loop.get("version", Number.class).longValue();
    }

    void loopChanged(String loopId, long versionBefore) {
        await(
                "loop " + loopId + " past version " + versionBefore,
                () -> loopVersion(loopId),
                version -> version > versionBefore);
        credentials.invalidate(loopId);
    }

    /** Waits until the loop policy read model shows {@code policyVersion} or a later version of the loop's policy. */
    void policyChanged(String loopId, long policyVersion) {
        await(
                "policy version " + policyVersion + " of loop " + loopId,
                () -> policyVersion(loopId),
                version -> version >= policyVersion);
    }

    private long policyVersion(String loopId) {
        Document policy = policies.find(Filters.eq("_id", loopId)).first();
        return policy == null ? 0 : policy.get("policyVersion", Number.class).longValue();
    }

    private <T> T await(String description, java.util.function.Supplier<T> read, Predicate<T> done) {
        return polling.await(description, read, done);
    }
}
