package io.openloop.ledger.query.credit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.credit.CreditAccountView;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditEntryView;
import io.openloop.ledger.messages.credit.FindCreditAccountQuery;
import io.openloop.ledger.messages.credit.FindPlatformLedgerQuery;
import io.openloop.ledger.messages.credit.ListCreditEntriesQuery;
import io.openloop.ledger.messages.credit.PlatformLedgerView;
import io.openloop.ledger.projection.credit.CreditReadModelWriter;
import io.openloop.ledger.projection.loop.MemoryMongo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Credit queries against read models written by the real projection. */
class CreditQueryHandlerTest {

    private static MemoryMongo mongo;

    private final String loopId = Ids.newId(Ids.LOOP);
    private final String accountId = CreditAccounts.accountIdOf(loopId);
    private final String payee = CreditAccounts.accountIdOf(Ids.newId(Ids.LOOP));

    private CreditReadModelWriter writer;
    private CreditQueryHandler queries;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        MongoDatabase database = mongo.newDatabase();
        writer = new CreditReadModelWriter(database);
        queries = new CreditQueryHandler(database);
    }

    /** Opens the account, grants 1,000, then alternates holds and full captures, {@code captures} times. */
    private void accountWithCaptures(int captures) {
        writer.opened(loopId);
        writer.granted(accountId, "opening", 1_000, 1_000, 1);
        long balance = 1_000;
        long sequence = 2;
        for (int i = 0; i < captures; i++) {
            writer.held(accountId, "h" + i, 10, balance - 10, sequence);
            // A real account records the expiry schedule at the next sequence number.
            sequence += 2;
            balance -= 10;
            writer.captured(accountId, "h" + i, 10, payee, balance, sequence++);
        }
    }

    @SuppressWarnings("unchecked")
    private Page<CreditEntryView> entries(ListCreditEntriesQuery query) {
        return queries.handle(query);
    }

    @Test
    void accountShowsOpenHolds() {
        writer.opened(loopId);
        writer.granted(accountId, "opening", 1_000, 1_000, 1);
        writer.held(accountId, "h1", 100, 900, 2);
        writer.held(accountId, "h2", 50, 850, 4);
        writer.captured(accountId, "h1", 100, payee, 900, 6);

        CreditAccountView view = queries.handle(new FindCreditAccountQuery(loopId));

        assertThat(view.balance()).isEqualTo(900);
        assertThat(view.held()).isEqualTo(50);
        assertThat(view.available()).isEqualTo(850);
        assertThat(view.openHolds()).extracting(hold -> hold.holdId()).containsExactly("h2");
        assertThat(view.openHolds().get(0).state()).isEqualTo("OPEN");
    }

    @Test
    void unknownAccountIsNotFound() {
        assertThatThrownBy(() -> queries.handle(new FindCreditAccountQuery(loopId)))
                .isInstanceOf(LedgerException.class)
                .extracting(error -> ((LedgerException) error).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void entriesArePagedInOrderAcrossGaps() {
        accountWithCaptures(12);

        List<CreditEntryView> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Page<CreditEntryView> page = entries(new ListCreditEntriesQuery(loopId, after, 5));
            seen.addAll(page.items());
            after = page.nextCursor();
            pages++;
        } while (after != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(13);
        assertThat(seen.get(0).kind()).isEqualTo("GRANT");
        assertThat(seen.subList(1, 13)).allMatch(entry -> entry.kind().equals("CAPTURE"));
        assertThat(seen.get(12).balanceAfter()).isEqualTo(880L);
        assertThat(seen).extracting(CreditEntryView::entryId).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void fullLastPageHasNoCursor() {
        accountWithCaptures(4);

        Page<CreditEntryView> page = entries(new ListCreditEntriesQuery(loopId, null, 5));

        assertThat(page.items()).hasSize(5);
        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void cursorOfAnotherAccountIsRejected() {
        accountWithCaptures(1);
        String foreign = payee + ":0000000000000000001";

        assertThatThrownBy(() -> queries.handle(new ListCreditEntriesQuery(loopId, foreign, 5)))
                .isInstanceOf(LedgerException.class)
                .extracting(error -> ((LedgerException) error).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void platformLedgerBalancesToZero() {
        accountWithCaptures(3);
        String child = CreditAccounts.accountIdOf(Ids.newId(Ids.LOOP));
        writer.transferred(accountId, "t1", child, 100, 870, 11);

        PlatformLedgerView ledger = queries.handle(new FindPlatformLedgerQuery());

        assertThat(ledger.issuanceBalance()).isEqualTo(-1_000);
        assertThat(ledger.inTransitBalance()).isEqualTo(130);
        assertThat(ledger.accountsBalance()).isEqualTo(870);
        assertThat(ledger.issuanceBalance() + ledger.inTransitBalance() + ledger.accountsBalance())
                .isZero();
        assertThat(ledger.accounts()).isEqualTo(1);
    }
}
