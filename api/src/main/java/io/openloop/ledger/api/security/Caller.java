package io.openloop.ledger.api.security;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import org.springframework.web.server.ServerWebExchange;

/** Who sent a request, as established by {@link AuthenticationFilter}. */
public record Caller(Kind kind, String loopId, String keyId) {

    static final String ATTRIBUTE = Caller.class.getName();

    /** The two kinds of caller: the operator, or an API key of a loop. */
    public enum Kind {
        OPERATOR,
        KEY
    }

    static Caller operator() {
        return new Caller(Kind.OPERATOR, null, null);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    /** Returns the authenticated caller of the exchange. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new LedgerException(ErrorCode.UNAUTHENTICATED, "no credentials; send Authorization: Bearer <token>");
        }
        return caller;
    }

    /** Returns the caller if it is the operator, otherwise rejects the request as a route for operators only. */
    public static Caller requireOperator(ServerWebExchange exchange) {
        Caller caller = of(exchange);
        if (!caller.isOperator()) {
            throw new LedgerException(ErrorCode.NOT_FOUND, "no route matches this path");
        }
        return caller;
    }
}
