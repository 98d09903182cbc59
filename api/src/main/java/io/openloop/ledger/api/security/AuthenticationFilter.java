package io.openloop.ledger.api.security;

import io.openloop.ledger.api.web.ApiErrorHandler;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.query.auth.CredentialLookup;
import io.openloop.ledger.query.auth.KeyCredential;
import io.openloop.ledger.query.auth.LoopAuthority;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Authenticates every request under {@code /api/} from its {@code Authorization: Bearer} header: the operator token,
 * or an API key found by the keyed hash of its secret. Other paths (health, the OpenAPI document) are open.
 *
 * <p>A key's scopes are narrowed to its loop's effective permissions on every request, so narrowing or suspending an
 * ancestor takes effect without touching the key. Messages state why a key failed (missing, malformed, unknown,
 * revoked, expired) and reveal nothing about keys of other loops.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AuthenticationFilter implements WebFilter {

    private static final String BEARER = "Bearer ";

    private final OperatorToken operatorToken;
    private final KeySecrets keySecrets;
    private final CredentialLookup credentials;
    private final KeyUsage keyUsage;
    private final ApiErrorHandler errors;
    private final Clock clock;

    AuthenticationFilter(
            OperatorToken operatorToken,
            KeySecrets keySecrets,
            CredentialLookup credentials,
            KeyUsage keyUsage,
            ApiErrorHandler errors,
            Clock clock) {
        this.operatorToken = operatorToken;
        this.keySecrets = keySecrets;
        this.credentials = credentials;
        this.keyUsage = keyUsage;
        this.errors = errors;
        this.clock = clock;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/api/")) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            return reject(
                    exchange, unauthenticated("Authorization header is missing; send Authorization: Bearer <key>"));
        }
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return reject(exchange, unauthenticated("Authorization header is malformed; use the Bearer scheme"));
        }
        String token = header.substring(BEARER.length()).strip();
        if (operatorToken.matches(token)) {
            exchange.getAttributes().put(Caller.ATTRIBUTE, Caller.operator());
            return chain.filter(exchange);
        }
        if (!KeySecrets.looksLikeKey(token)) {
            return reject(
                    exchange,
                    unauthenticated("the bearer token is malformed; a key starts with lk_live_ or lk_test_"
                            + " followed by 40 characters"));
        }
        String hash = keySecrets.hash(token);
        return Blocking.call(() -> authenticate(hash))
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    return chain.filter(exchange).doOnSuccess(done -> recordUse(exchange, caller));
                })
                .onErrorResume(LedgerException.class, error -> reject(exchange, error));
    }

    private Caller authenticate(String hash) {
        KeyCredential key = credentials
                .findByHash(hash)
                .orElseThrow(() -> unauthenticated("the key is not known; check that it was copied whole"));
        Instant now = clock.instant();
        if (key.revokedAt() != null) {
            throw unauthenticated("the key was revoked at " + key.revokedAt() + "; use another key");
        }
        if (key.expiresAt() != null && !now.isBefore(key.expiresAt())) {
            throw unauthenticated("the key expired at " + key.expiresAt() + "; issue a new key");
        }

        LoopAuthority loop = credentials
                .loopAuthority(key.loopId())
                .orElseThrow(() -> new LedgerException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "the key's loop is not yet readable; retry in a second",
                        Map.of("retryAfterSeconds", 1)));
        EffectivePermissions effective = loop.effective();
        if (!effective.isActive()) {
            throw new LedgerException(
                    ErrorCode.LOOP_SUSPENDED,
                    "loop " + effective.suspendedLoopId() + " is suspended, so this key cannot act",
                    Map.of("suspendedLoopId", effective.suspendedLoopId()));
        }

        Set<Scope> scopes = key.scopes().isEmpty() ? EnumSet.noneOf(Scope.class) : EnumSet.copyOf(key.scopes());
        scopes.retainAll(effective.scopes());
        return new Caller(Caller.Kind.KEY, key.loopId(), key.keyId(), key.mode(), scopes, key.owner(), loop.plan());
    }

    /** Records the key's use when the request succeeded: a rejected request changes nothing, its key's use included. */
    private void recordUse(ServerWebExchange exchange, Caller caller) {
        var status = exchange.getResponse().getStatusCode();
        if (status == null || status.value() < 400) {
            keyUsage.record(caller.keyId(), clock.instant());
        }
    }

    private static LedgerException unauthenticated(String message) {
        return new LedgerException(ErrorCode.UNAUTHENTICATED, message);
    }

    private Mono<Void> reject(ServerWebExchange exchange, LedgerException error) {
        if (error.code() == ErrorCode.UNAUTHENTICATED) {
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return errors.write(exchange, error, RequestIds.of(exchange));
    }
}
