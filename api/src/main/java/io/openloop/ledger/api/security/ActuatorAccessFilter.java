package io.openloop.ledger.api.security;

import io.openloop.ledger.api.web.ApiErrorHandler;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.net.InetSocketAddress;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Guards the actuator endpoints. Health (with its liveness and readiness groups) and info are open to every caller,
 * because load balancers and orchestrators probe them without a key. They report states, never a URI or secret.
 * Every other actuator path, such as {@code /actuator/prometheus}, is served to a caller on a loopback address or
 * with the operator token, and rejected with 401 otherwise.
 *
 * <p>The loopback check reads the socket's peer address, so behind a reverse proxy on the same host every request
 * looks local: set {@code openloop.metrics.loopback-open=false} there to require the token.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class ActuatorAccessFilter implements WebFilter {

    private static final String ACTUATOR = "/actuator";
    private static final String BEARER = "Bearer ";

    private final OperatorToken operatorToken;
    private final ApiErrorHandler errors;
    private final boolean loopbackOpen;

    ActuatorAccessFilter(
            OperatorToken operatorToken,
            ApiErrorHandler errors,
            @Value("${openloop.metrics.loopback-open}") boolean loopbackOpen) {
        this.operatorToken = operatorToken;
        this.errors = errors;
        this.loopbackOpen = loopbackOpen;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!isUnder(path, ACTUATOR) || isOpen(path) || isTrusted(exchange)) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        LedgerException error = new LedgerException(
                ErrorCode.UNAUTHENTICATED,
                "this actuator endpoint is served on a loopback address or with the operator token;"
                        + " send Authorization: Bearer <operator token>");
        return errors.write(exchange, error, RequestIds.of(exchange));
    }

    static boolean isOpen(String path) {
        return isUnder(path, ACTUATOR + "/health") || isUnder(path, ACTUATOR + "/info");
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private boolean isTrusted(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (loopbackOpen
                && remote != null
                && remote.getAddress() != null
                && remote.getAddress().isLoopbackAddress()) {
            return true;
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        return operatorToken.matches(header.substring(BEARER.length()).strip());
    }
}
