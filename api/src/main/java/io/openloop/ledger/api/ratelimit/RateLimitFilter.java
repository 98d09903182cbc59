package io.openloop.ledger.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.ApiErrorHandler;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the caller's rate limit to every authenticated request and puts the {@code RateLimit-Policy} and
 * {@code RateLimit} headers of the IETF httpapi rate-limit headers draft on its response, for example
 * {@code RateLimit-Policy: "per-key";q=600;w=60} and {@code RateLimit: "per-key";r=599;t=1}.
 *
 * <p>It runs after authentication, so requests that fail it (401) carry no rate-limit headers. A request over the
 * limit is rejected with 429 {@code RATE_LIMITED} and a {@code Retry-After} in seconds, before it reaches a route.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter implements WebFilter {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String HEADER = "RateLimit";

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final RateLimiter limiter;
    private final ApiErrorHandler errors;

    // Principals warned about within the last window, so a client that keeps sending logs one line per minute.
    private final Cache<String, Boolean> recentlyWarned =
            Caffeine.newBuilder().expireAfterWrite(RateLimiter.WINDOW).build();

    RateLimitFilter(RateLimiter limiter, ApiErrorHandler errors) {
        this.limiter = limiter;
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = Caller.find(exchange);
        if (caller == null) {
            return chain.filter(exchange);
        }

        RateLimiter.Decision decision = limiter.consume(caller);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(POLICY_HEADER, "\"" + decision.policy() + "\";q=" + decision.limit() + ";w=" + windowSeconds());
        headers.set(HEADER, "\"" + decision.policy() + "\";r=" + decision.remaining() + ";t=" + decision.seconds());
        if (decision.allowed()) {
            return chain.filter(exchange);
        }

        String requestId = RequestIds.of(exchange);
        if (recentlyWarned.asMap().putIfAbsent(caller.principalId(), Boolean.TRUE) == null) {
            log.warn(
                    "Request {} from principal {} rejected: rate limit of {} per minute reached; further rejections"
                            + " in the next minute are logged at DEBUG",
                    requestId,
                    caller.principalId(),
                    decision.limit());
        } else {
            log.debug("Request {} from principal {} rejected by the rate limit", requestId, caller.principalId());
        }
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(decision.seconds()));
        LedgerException error = new LedgerException(
                ErrorCode.RATE_LIMITED,
                "rate limit of " + decision.limit() + " requests per minute reached; retry after " + decision.seconds()
                        + " s",
                Map.of("limit", decision.limit(), "retryAfterSeconds", decision.seconds()));
        return errors.write(exchange, error, requestId);
    }

    private static long windowSeconds() {
        return RateLimiter.WINDOW.toSeconds();
    }
}
