package io.openloop.ledger.api.credit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.projection.credit.CreditReadModels;
import java.time.Duration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Waits, after a credit command, until the account read model moves past the version it had before, so the caller's
 * next read shows the change. If the wait times out the command is still applied, and the change then shows within the
 * projection's lag.
 */
@Component
class CreditWaits {

    private static final Logger log = LoggerFactory.getLogger(CreditWaits.class);
    private static final long POLL_MILLIS = 10;

    private final MongoCollection<Document> accounts;
    private final Duration timeout;

    CreditWaits(MongoDatabase database, @Value("${openloop.api.read-model-wait:5s}") Duration timeout) {
        this.accounts = database.getCollection(CreditReadModels.ACCOUNTS);
        this.timeout = timeout;
    }

    /** Returns the read model's version of the account, or -1 when it is not there yet. */
    long version(String accountId) {
        Document account = accounts.find(Filters.eq("_id", accountId)).first();
        return account == null ? -1 : account.get("version", Number.class).longValue();
    }

    void changed(String accountId, long versionBefore) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (version(accountId) <= versionBefore) {
            if (System.nanoTime() > deadline) {
                log.warn(
                        "Read models did not show account {} past version {} within {}; it will show within the"
                                + " projection lag",
                        accountId,
                        versionBefore,
                        timeout);
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
