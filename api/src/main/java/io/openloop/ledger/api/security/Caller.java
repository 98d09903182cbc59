package io.openloop.ledger.api.security;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.Plan;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/**
 * The sender of a request, as established by {@link AuthenticationFilter}: the operator, or an API key of a loop.
 *
 * @param scopes for a key, its scopes narrowed to the loop's effective permissions at the time of the request
 * @param plan the plan of the key's loop, which sets its rate limit; null for the operator
 */
public record Caller(
        Kind kind, String loopId, String keyId, KeyMode mode, Set<Scope> scopes, boolean owner, Plan plan) {

    static final String ATTRIBUTE = Caller.class.getName();

    /** The two kinds of caller. */
    public enum Kind {
        OPERATOR,
        KEY
    }

    public Caller {
        scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }

    static Caller operator() {
        return new Caller(Kind.OPERATOR, null, null, KeyMode.LIVE, Scope.all(), false, null);
    }

    public boolean isOperator() {
        return kind == Kind.OPERATOR;
    }

    /**
     * Returns a stable id of the principal for idempotency records and rate limits: the key id, or {@code operator}.
     */
    public String principalId() {
        return isOperator() ? "operator" : keyId;
    }

    /** Returns the authenticated caller of the exchange, or null when the path needs no authentication. */
    public static Caller find(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** Returns the authenticated caller of the exchange. */
    public static Caller of(ServerWebExchange exchange) {
        Caller caller = find(exchange);
        if (caller == null) {
            throw new LedgerException(ErrorCode.UNAUTHENTICATED, "no credentials; send Authorization: Bearer <key>");
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
