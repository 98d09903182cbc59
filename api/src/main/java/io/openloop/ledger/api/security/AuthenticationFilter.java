package io.openloop.ledger.api.security;

import io.openloop.ledger.api.web.ApiErrorHandler;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request under {@code /api/} from its {@code Authorization: Bearer} header. Other paths (health,
 * the OpenAPI document) are open.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final OperatorToken operatorToken;
    private final ApiErrorHandler errors;

    AuthenticationFilter(OperatorToken operatorToken, ApiErrorHandler errors) {
        this.operatorToken = operatorToken;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return reject(exchange, "Authorization header is missing; send Authorization: Bearer <key>");
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return reject(exchange, "Authorization header is malformed; use the Bearer scheme");
        }
        String token = header.substring(BEARER.length()).strip();
        if (operatorToken.matches(token)) {
            exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.operator());
            return chain.filter(exchange);
        }
        return reject(exchange, "the bearer token is not a valid key");
    }

    private Mono<Void> reject(ServerWebExchange exchange, String message) {
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        LedgerException error = new LedgerException(ErrorCode.UNAUTHENTICATED, message);
        return errors.write(exchange, error, RequestIds.of(exchange));
    }
}
