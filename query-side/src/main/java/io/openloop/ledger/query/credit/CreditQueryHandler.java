package io.openloop.ledger.query.credit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.credit.CreditAccountView;
import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditEntryView;
import io.openloop.ledger.messages.credit.CreditHoldView;
import io.openloop.ledger.messages.credit.FindCreditAccountQuery;
import io.openloop.ledger.messages.credit.FindPlatformLedgerQuery;
import io.openloop.ledger.messages.credit.ListCreditEntriesQuery;
import io.openloop.ledger.messages.credit.PlatformLedgerView;
import io.openloop.ledger.projection.credit.CreditReadModels;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Handles credit queries from the credit read models. Accounts, holds and a page of entries are read by {@code _id}
 * lookups alone; the platform totals add up every account document.
 */
@Component
class CreditQueryHandler {

    /** Entry keys fetched per lookup while filling a page, a few per entry since holds leave gaps in the sequence. */
    private static final int KEYS_PER_ENTRY = 3;

    private final MongoCollection<Document> accounts;
    private final MongoCollection<Document> holds;
    private final MongoCollection<Document> entries;

    CreditQueryHandler(MongoDatabase database) {
        this.accounts = database.getCollection(CreditReadModels.ACCOUNTS);
        this.holds = database.getCollection(CreditReadModels.HOLDS);
        this.entries = database.getCollection(CreditReadModels.ENTRIES);
    }

    @QueryHandler
    CreditAccountView handle(FindCreditAccountQuery query) {
        Document account = account(query.loopId());
        List<String> open = account.getList("openHolds", String.class);
        String accountId = account.getString("_id");
        List<String> keys = open.stream()
                .map(holdId -> CreditReadModels.holdKey(accountId, holdId))
                .toList();
        Map<String, CreditHoldView> byKey = new HashMap<>();
        for (Document hold : holds.find(Filters.in("_id", keys))) {
            byKey.put(hold.getString("_id"), toHold(hold));
        }
        List<CreditHoldView> openHolds =
                keys.stream().map(byKey::get).filter(hold -> hold != null).toList();

        return new CreditAccountView(
                accountId,
                account.getString("loopId"),
                number(account, "balance"),
                number(account, "held"),
                number(account, "available"),
                number(account, "version"),
                openHolds);
    }

    /**
     * Returns the entries after {@code query.after()}, oldest first. Entry keys follow the account's sequence numbers,
     * so the page is read as {@code $in} lookups over the next keys up to the account's version; sequence numbers of
     * events that move no credits have no entry.
     */
    // The raw return type is deliberate: Axon 4.13's ResponseTypes.instanceOf(Page.class) matches a handler by the
    // class it declares, and finds no handler declared as Page<CreditEntryView>.
    @QueryHandler
    @SuppressWarnings({"rawtypes", "unchecked"})
    Page handle(ListCreditEntriesQuery query) {
        Document account = account(query.loopId());
        String accountId = account.getString("_id");
        long version = number(account, "version");
        long afterSequence = afterSequence(accountId, query.after());
        int limit = Math.max(1, query.limit());

        List<CreditEntryView> found = new ArrayList<>();
        long next = afterSequence + 1;
        int window = limit * KEYS_PER_ENTRY;
        while (found.size() <= limit && next <= version) {
            long last = Math.min(version, next + window - 1);
            List<String> keys = new ArrayList<>();
            for (long sequence = next; sequence <= last; sequence++) {
                keys.add(CreditReadModels.entryKey(accountId, sequence));
            }
            List<Document> batch = entries.find(Filters.in("_id", keys)).into(new ArrayList<>());
            batch.sort((left, right) -> left.getString("_id").compareTo(right.getString("_id")));
            batch.forEach(entry -> found.add(toEntry(entry)));
            next = last + 1;
        }

        if (found.size() > limit) {
            List<CreditEntryView> page = found.subList(0, limit);
            return new Page<>(page, page.get(limit - 1).entryId());
        }
        return new Page<>(found, null);
    }

    /**
     * Adds up every loop account. {@code PLATFORM_ISSUANCE} is minus all grants, and {@code IN_TRANSIT} contains what
     * was sent and has not been received yet.
     */
    @QueryHandler
    PlatformLedgerView handle(FindPlatformLedgerQuery query) {
        // NOTE: this reads every account document; it is an operator's report, not a per-request lookup.
        long granted = 0;
        long sent = 0;
        long received = 0;
        long balance = 0;
        long held = 0;
        long count = 0;
        for (Document account : accounts.find()) {
            granted += number(account, "granted");
            sent += number(account, "sent");
            received += number(account, "received");
            balance += number(account, "balance");
            held += number(account, "held");
            count++;
        }
        return new PlatformLedgerView(-granted, sent - received, balance, held, count);
    }

    private Document account(String loopId) {
        Document account = Ids.isValid(loopId, Ids.LOOP)
                ? accounts.find(Filters.eq("_id", CreditAccounts.accountIdOf(loopId)))
                        .first()
                : null;
        if (account == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "no credit account found for loop " + loopId + "; accounts open shortly after their loop",
                    Map.of("loopId", String.valueOf(loopId)));
        }
        return account;
    }

    private static long afterSequence(String accountId, String after) {
        if (after == null) {
            return -1;
        }
        long sequence = CreditReadModels.sequenceOf(accountId, after);
        if (sequence < 0) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "after is not a cursor of this account's entries; pass the nextCursor of the previous page",
                    Map.of("fields", Map.of("after", "not a cursor of this account's entries")));
        }
        return sequence;
    }

    private static CreditHoldView toHold(Document hold) {
        return new CreditHoldView(
                hold.getString("holdId"),
                hold.getString("accountId"),
                hold.getString("state"),
                number(hold, "amount"),
                number(hold, "captured"),
                hold.getString("subjectId"),
                hold.getDate("expiresAt").toInstant(),
                hold.getDate("heldAt").toInstant());
    }

    private static CreditEntryView toEntry(Document entry) {
        Number balanceAfter = entry.get("balanceAfter", Number.class);
        Date at = entry.getDate("at");
        return new CreditEntryView(
                entry.getString("_id"),
                entry.getString("accountId"),
                entry.getString("counterAccount"),
                number(entry, "amount"),
                entry.getString("kind"),
                entry.getString("referenceId"),
                balanceAfter == null ? null : balanceAfter.longValue(),
                at == null ? null : at.toInstant());
    }

    private static long number(Document document, String field) {
        Number value = document.get(field, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
