package io.openloop.ledger.command.credit;

import io.openloop.ledger.messages.credit.CreditAccounts;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.credit.CreditsHeldEvent;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import io.openloop.ledger.messages.credit.HoldReleasedEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds credit events into the balances of every account: a loop account's balance as its events state it ({@code
 * balanceAfter}), and the two platform accounts from the legs the events imply. Since each movement has two legs, the
 * sum is zero only if every stated balance is right. Records every breach of the ledger's rules that it finds: a
 * negative balance or available balance, an {@code availableAfter} that disagrees with the balance and holds, or a
 * hold resolved twice.
 */
final class LedgerFold {

    private final Map<String, Long> balances = new HashMap<>();
    private final Map<String, Long> held = new HashMap<>();
    private final Map<String, Integer> resolutions = new HashMap<>();
    private final List<String> breaches = new ArrayList<>();

    void apply(Object event) {
        if (event instanceof CreditsGrantedEvent e) {
            balances.merge(CreditAccounts.PLATFORM_ISSUANCE, -e.amount(), Long::sum);
            balances.put(e.accountId(), e.balanceAfter());
        } else if (event instanceof CreditsTransferredEvent e) {
            balances.merge(CreditAccounts.IN_TRANSIT, e.amount(), Long::sum);
            balances.put(e.accountId(), e.balanceAfter());
        } else if (event instanceof CreditsReceivedEvent e) {
            balances.merge(CreditAccounts.IN_TRANSIT, -e.amount(), Long::sum);
            balances.put(e.accountId(), e.balanceAfter());
        } else if (event instanceof CreditsHeldEvent e) {
            held.merge(e.accountId(), e.amount(), Long::sum);
            checkStated(e.accountId(), e.availableAfter());
        } else if (event instanceof HoldCapturedEvent e) {
            resolve(e.accountId(), e.holdId(), e.captured() + e.released());
            balances.merge(CreditAccounts.IN_TRANSIT, e.captured(), Long::sum);
            balances.put(e.accountId(), e.balanceAfter());
            checkStated(e.accountId(), e.availableAfter());
        } else if (event instanceof HoldReleasedEvent e) {
            resolve(e.accountId(), e.holdId(), e.amount());
            checkStated(e.accountId(), e.availableAfter());
        }
        checkNonNegative();
    }

    /** Returns the sum over every account, the platform accounts included; double entry keeps it at zero. */
    long total() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    long balance(String accountId) {
        return balances.getOrDefault(accountId, 0L);
    }

    long available(String accountId) {
        return balance(accountId) - held.getOrDefault(accountId, 0L);
    }

    List<String> breaches() {
        return breaches;
    }

    private void checkStated(String accountId, long availableAfter) {
        if (availableAfter != available(accountId)) {
            breaches.add("account " + accountId + " states " + availableAfter + " available, but its balance and holds"
                    + " give " + available(accountId));
        }
    }

    private void resolve(String accountId, String holdId, long amount) {
        held.merge(accountId, -amount, Long::sum);
        int times = resolutions.merge(accountId + "/" + holdId, 1, Integer::sum);
        if (times > 1) {
            breaches.add("hold " + holdId + " of " + accountId + " resolved " + times + " times");
        }
    }

    private void checkNonNegative() {
        for (String accountId : held.keySet()) {
            if (available(accountId) < 0) {
                breaches.add("account " + accountId + " has " + available(accountId) + " credits available");
            }
        }
        for (Map.Entry<String, Long> balance : balances.entrySet()) {
            if (balance.getKey().startsWith("acct_") && balance.getValue() < 0) {
                breaches.add("account " + balance.getKey() + " has a balance of " + balance.getValue());
            }
        }
    }
}
