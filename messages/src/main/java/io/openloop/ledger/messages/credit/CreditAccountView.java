package io.openloop.ledger.messages.credit;

import java.util.List;

/**
 * A loop's account as the read model shows it.
 *
 * @param available {@code balance - held}
 * @param version the sequence number of the last account event the read model applied
 * @param openHolds the holds not yet captured, released or expired, in the order they were placed
 */
public record CreditAccountView(
        String accountId,
        String loopId,
        long balance,
        long held,
        long available,
        long version,
        List<CreditHoldView> openHolds) {

    public CreditAccountView {
        openHolds = openHolds == null ? List.of() : List.copyOf(openHolds);
    }
}
