package io.openloop.ledger.projection.credit;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import java.time.Instant;

/**
 * Writes the credit read models through the real projection, so query-side tests read documents exactly as the
 * projection stores them. Lives in the projection's package to reach its package-private handlers. Each method
 * writes the next event of the account's sequence.
 */
public final class CreditReadModelWriter {

    public static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final CreditAccountProjection projection;

    public CreditReadModelWriter(MongoDatabase database) {
        this.projection = new CreditAccountProjection(database);
    }

    public void opened(String loopId) {
        projection.on(new CreditAccountOpenedEvent(CreditAccounts.accountIdOf(loopId), loopId, T0), 0);
    }

    public void granted(String accountId, String grantId, long amount, long balanceAfter, long sequence) {
        projection.on(new CreditsGrantedEvent(accountId, grantId, amount, "ci", balanceAfter, T0), sequence);
    }

    public void held(String accountId, String holdId, long amount, long availableAfter, long sequence) {
        projection.on(
                new CreditsHeldEvent(accountId, holdId, amount, "inv_1", T0.plusSeconds(600), availableAfter, T0),
                sequence);
    }

    public void captured(
            String accountId, String holdId, long captured, String payee, long balanceAfter, long sequence) {
        projection.on(
                new HoldCapturedEvent(accountId, holdId, captured, 0, payee, "inv_1", balanceAfter, balanceAfter, T0),
                sequence);
    }

    public void transferred(
            String accountId, String transferId, String to, long amount, long balanceAfter, long sequence) {
        projection.on(new CreditsTransferredEvent(accountId, transferId, to, amount, null, balanceAfter, T0), sequence);
    }
}
