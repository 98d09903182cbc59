package io.openloop.ledger.projection.credit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import io.openloop.ledger.projection.VersionedDocuments;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the credit read models: balances per account, holds, and one entry per leg of each movement, including the
 * legs on {@link CreditAccounts#PLATFORM_ISSUANCE} and {@link CreditAccounts#IN_TRANSIT}.
 *
 * <p>Every write is idempotent. Entries and holds are inserted under keys derived from the account and the event's
 * sequence number, and a duplicate key means the event was applied already. Account and hold updates are skipped at
 * or below the stored version. The account document is written last, so an event redelivered after a crash
 * completes the writes it had started. A replay from an empty store writes the same documents.
 */
@Component
@ProcessingGroup(CreditAccountProjection.PROCESSING_GROUP)
class CreditAccountProjection {

    static final String PROCESSING_GROUP = "credit-accounts";

    private static final Logger log = LoggerFactory.getLogger(CreditAccountProjection.class);

    private final MongoCollection<Document> accountCollection;
    private final MongoCollection<Document> holdCollection;
    private final MongoCollection<Document> entryCollection;
    private final VersionedDocuments accounts;
    private final VersionedDocuments holds;
    private final VersionedDocuments entries;

    CreditAccountProjection(MongoDatabase database) {
        this.accountCollection = database.getCollection(CreditReadModels.ACCOUNTS);
        this.holdCollection = database.getCollection(CreditReadModels.HOLDS);
        this.entryCollection = database.getCollection(CreditReadModels.ENTRIES);
        this.accounts = new VersionedDocuments(accountCollection, "version");
        this.holds = new VersionedDocuments(holdCollection, "version");
        this.entries = new VersionedDocuments(entryCollection, "version");
        accountCollection.createIndexes(versionIndex());
        holdCollection.createIndexes(versionIndex());
    }

    /** Versioned writes filter on exactly {@code _id} and {@code version}. */
    static List<IndexModel> versionIndex() {
        return List.of(new IndexModel(Indexes.ascending("_id", "version"), new IndexOptions().unique(true)));
    }

    @EventHandler
    void on(CreditAccountOpenedEvent event, @SequenceNumber long sequence) {
        accounts.insert(new Document("_id", event.accountId())
                .append("loopId", event.loopId())
                .append("balance", 0L)
                .append("held", 0L)
                .append("available", 0L)
                .append("granted", 0L)
                .append("sent", 0L)
                .append("received", 0L)
                .append("openHolds", List.of())
                .append("openedAt", Date.from(event.openedAt()))
                .append("updatedAt", Date.from(event.openedAt()))
                .append("version", sequence));
    }

    @EventHandler
    void on(CreditsGrantedEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        String issuance = CreditAccounts.PLATFORM_ISSUANCE;
        entries.insert(entry(CreditReadModels.entryKey(account, sequence), account, issuance, event.amount())
                .append("kind", "GRANT")
                .append("referenceId", event.grantId())
                .append("balanceAfter", event.balanceAfter())
                .append("at", Date.from(event.grantedAt())));
        entries.insert(platformEntry(issuance, account, sequence, -event.amount())
                .append("kind", "ISSUANCE")
                .append("referenceId", event.grantId())
                .append("at", Date.from(event.grantedAt())));

        accounts.update(
                account,
                sequence,
                stored -> figures(stored, event.balanceAfter(), 0, event.grantedAt())
                        .append("granted", number(stored, "granted") + event.amount()));
    }

    @EventHandler
    void on(CreditsTransferredEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        entries.insert(
                entry(CreditReadModels.entryKey(account, sequence), account, event.toAccountId(), -event.amount())
                        .append("kind", "TRANSFER_OUT")
                        .append("referenceId", event.transferId())
                        .append("balanceAfter", event.balanceAfter())
                        .append("at", Date.from(event.transferredAt())));
        entries.insert(platformEntry(CreditAccounts.IN_TRANSIT, account, sequence, event.amount())
                .append("kind", "TRANSIT_IN")
                .append("referenceId", event.transferId())
                .append("at", Date.from(event.transferredAt())));

        accounts.update(
                account,
                sequence,
                stored -> figures(stored, event.balanceAfter(), 0, event.transferredAt())
                        .append("sent", number(stored, "sent") + event.amount()));
    }

    @EventHandler
    void on(CreditsReceivedEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        entries.insert(
                entry(CreditReadModels.entryKey(account, sequence), account, event.fromAccountId(), event.amount())
                        .append("kind", "TRANSFER_IN")
                        .append("referenceId", event.transferId())
                        .append("balanceAfter", event.balanceAfter())
                        .append("at", Date.from(event.receivedAt())));
        entries.insert(platformEntry(CreditAccounts.IN_TRANSIT, account, sequence, -event.amount())
                .append("kind", "TRANSIT_OUT")
                .append("referenceId", event.transferId())
                .append("at", Date.from(event.receivedAt())));

        accounts.update(
                account,
                sequence,
                stored -> figures(stored, event.balanceAfter(), 0, event.receivedAt())
                        .append("received", number(stored, "received") + event.amount()));
    }

    @EventHandler
    void on(CreditsHeldEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        holds.insert(new Document("_id", CreditReadModels.holdKey(account, event.holdId()))
                .append("accountId", account)
                .append("holdId", event.holdId())
                .append("state", "OPEN")
                .append("amount", event.amount())
                .append("captured", 0L)
                .append("subjectId", event.subjectId())
                .append("expiresAt", Date.from(event.expiresAt()))
                .append("heldAt", Date.from(event.heldAt()))
                .append("version", sequence));

        accounts.update(account, sequence, stored -> {
            List<String> open = new ArrayList<>(stored.getList("openHolds", String.class));
            open.add(event.holdId());
            return figures(stored, number(stored, "balance"), event.amount(), event.heldAt())
                    .append("openHolds", open);
        });
    }

    @EventHandler
    void on(HoldCapturedEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        if (event.captured() > 0) {
            entries.insert(entry(
                            CreditReadModels.entryKey(account, sequence),
                            account,
                            event.payeeAccountId(),
                            -event.captured())
                    .append("kind", "CAPTURE")
                    .append("referenceId", event.holdId())
                    .append("balanceAfter", event.balanceAfter())
                    .append("at", Date.from(event.capturedAt())));
            entries.insert(platformEntry(CreditAccounts.IN_TRANSIT, account, sequence, event.captured())
                    .append("kind", "TRANSIT_IN")
                    .append("referenceId", event.holdId())
                    .append("at", Date.from(event.capturedAt())));
        }
        holds.update(
                CreditReadModels.holdKey(account, event.holdId()),
                sequence,
                stored -> resolved("CAPTURED", event.capturedAt()).append("captured", event.captured()));

        long holdAmount = event.captured() + event.released();
        accounts.update(
                account,
                sequence,
                stored -> figures(stored, event.balanceAfter(), -holdAmount, event.capturedAt())
                        .append("sent", number(stored, "sent") + event.captured())
                        .append("openHolds", withoutHold(stored, event.holdId())));
    }

    @EventHandler
    void on(HoldReleasedEvent event, @SequenceNumber long sequence) {
        String account = event.accountId();
        String state = event.expired() ? "EXPIRED" : "RELEASED";
        holds.update(
                CreditReadModels.holdKey(account, event.holdId()),
                sequence,
                stored -> resolved(state, event.releasedAt()));

        accounts.update(
                account,
                sequence,
                stored -> figures(stored, number(stored, "balance"), -event.amount(), event.releasedAt())
                        .append("openHolds", withoutHold(stored, event.holdId())));
    }

    @ResetHandler
    void reset() {
        log.info(
                "Resetting the {}, {} and {} read models before replay",
                CreditReadModels.ACCOUNTS,
                CreditReadModels.HOLDS,
                CreditReadModels.ENTRIES);
        accountCollection.deleteMany(new Document());
        holdCollection.deleteMany(new Document());
        entryCollection.deleteMany(new Document());
    }

    /**
     * Computes the figures of an account whose balance is now {@code balance} and whose held credits change by {@code
     * heldChange}.
     */
    private static Document figures(Document stored, long balance, long heldChange, Instant at) {
        long held = number(stored, "held") + heldChange;
        return new Document()
                .append("balance", balance)
                .append("held", held)
                .append("available", balance - held)
                .append("updatedAt", Date.from(at));
    }

    private static List<String> withoutHold(Document stored, String holdId) {
        List<String> open = new ArrayList<>(stored.getList("openHolds", String.class));
        open.remove(holdId);
        return open;
    }

    private static long number(Document stored, String field) {
        return stored.get(field, Number.class).longValue();
    }

    private static Document resolved(String state, Instant at) {
        return new Document("state", state).append("resolvedAt", Date.from(at));
    }

    private static Document entry(String id, String accountId, String counterAccount, long amount) {
        return new Document("_id", id)
                .append("accountId", accountId)
                .append("counterAccount", counterAccount)
                .append("amount", amount);
    }

    private static Document platformEntry(String platformAccount, String sourceAccountId, long sequence, long amount) {
        return entry(
                        CreditReadModels.platformEntryKey(platformAccount, sourceAccountId, sequence),
                        platformAccount,
                        sourceAccountId,
                        amount)
                .append("balanceAfter", null);
    }
}
