package io.openloop.ledger.messages.credit;

import java.time.Instant;

/** A loop's account opened at zero; an opening grant, if any, follows as a {@link CreditsGrantedEvent}. */
public record CreditAccountOpenedEvent(String accountId, String loopId, Instant openedAt) {}
