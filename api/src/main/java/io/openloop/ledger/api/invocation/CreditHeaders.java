package io.openloop.ledger.api.invocation;

import io.openloop.ledger.messages.credit.CreditBalance;
import org.springframework.http.ResponseEntity;

/** The headers that tell a caller what a request did to its credits. */
public final class CreditHeaders {

    static final String AVAILABLE = "OpenLoop-Credits-Available";
    static final String CHARGED = "OpenLoop-Credits-Charged";

    private CreditHeaders() {}

    /** Adds the available balance after the request and the credits it charged. */
    public static ResponseEntity.BodyBuilder add(ResponseEntity.BodyBuilder response, long available, long charged) {
        return response.header(AVAILABLE, Long.toString(available)).header(CHARGED, Long.toString(charged));
    }

    public static ResponseEntity.BodyBuilder add(ResponseEntity.BodyBuilder response, CreditBalance balance) {
        return add(response, balance.available(), balance.charged());
    }
}
