package io.openloop.ledger.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.ApiErrorHandler;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Makes a retried authenticated POST with the same {@code Idempotency-Key} header return the first response instead
 * of executing again. Keys are scoped to the principal.
 *
 * <p>The first request inserts a pending record, executes, and stores its response (status, JSON body,
 * {@code Location} and {@code Content-Type}) before the client receives it. A later request with the same key and the
 * same method, path, query and body gets that response again with {@code Idempotency-Replayed: true}. A different
 * request with the same key is rejected with 422 {@code IDEMPOTENCY_KEY_REUSED}. A request that arrives while the
 * first one executes waits for its response, up to {@code openloop.idempotency.wait-timeout}, and is then rejected
 * with 409 {@code CONCURRENT_MODIFICATION}. Requests without the header execute as usual.
 *
 * <p>A request executes again with a key already used in five cases: the first response was a 5xx (not stored, so the
 * client can retry); it was a 400, 401, 404, 413 or 415, which change nothing, so a corrected retry may use the same
 * key; it was a 429 or a 409 {@code CONCURRENT_MODIFICATION}, which change nothing and ask the client to retry; it was
 * larger than {@code spring.codec.max-in-memory-size}; or the first request stayed pending for longer than
 * {@code openloop.idempotency.stale-after} (its server crashed or the client cancelled). Stored bodies are encrypted
 * by {@link ResponseSealer}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class IdempotencyFilter implements WebFilter {

    static final String REPLAYED_HEADER = "Idempotency-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration FIRST_POLL_DELAY = Duration.ofMillis(20);
    private static final Duration MAX_POLL_DELAY = Duration.ofMillis(500);

    /** Statuses of requests rejected before they changed anything; their keys stay free for a corrected retry. */
    private static final java.util.Set<Integer> CHANGED_NOTHING = java.util.Set.of(400, 401, 404, 413, 415);

    private final IdempotencyStore store;
    private final ResponseSealer sealer;
    private final ApiErrorHandler errors;
    private final Clock clock;
    private final int maxBodyBytes;
    private final Duration waitTimeout;
    private final Duration staleAfter;

    IdempotencyFilter(
            IdempotencyStore store,
            ResponseSealer sealer,
            ApiErrorHandler errors,
            Clock clock,
            @Value("${spring.codec.max-in-memory-size:256KB}") DataSize maxBodySize,
            @Value("${openloop.idempotency.wait-timeout:PT30S}") Duration waitTimeout,
            @Value("${openloop.idempotency.stale-after:PT2M}") Duration staleAfter) {
        this.store = store;
        this.sealer = sealer;
        this.errors = errors;
        this.clock = clock;
        this.maxBodyBytes = Math.toIntExact(maxBodySize.toBytes());
        this.waitTimeout = waitTimeout;
        this.staleAfter = staleAfter;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Caller caller = Caller.find(exchange);
        if (caller == null || exchange.getRequest().getMethod() != HttpMethod.POST) {
            return chain.filter(exchange);
        }

        IdempotencyKey key;
        try {
            key = IdempotencyKey.from(exchange.getRequest().getHeaders());
        } catch (LedgerException invalid) {
            return errors.write(exchange, invalid, RequestIds.of(exchange));
        }
        if (key == null) {
            return chain.filter(exchange);
        }

        String recordId = key.recordId(caller.principalId());
        long deadline = System.nanoTime() + waitTimeout.toNanos();
        return readBody(exchange.getRequest()).flatMap(body -> {
            ServerWebExchange buffered = exchange.mutate()
                    .request(new CachedBodyRequest(exchange.getRequest(), body))
                    .build();
            Attempt attempt = new Attempt(
                    buffered,
                    chain,
                    recordId,
                    fingerprint(exchange.getRequest(), body),
                    deadline,
                    caller.principalId(),
                    key);
            return claimOrWait(attempt);
        });
    }

    /** Executes the request if it claims the key, otherwise waits for the outcome of the request that did. */
    private Mono<Void> claimOrWait(Attempt attempt) {
        String claim = UUID.randomUUID().toString();
        return Blocking.call(() -> store.claim(attempt.recordId(), attempt.fingerprint(), claim))
                .flatMap(claimed -> claimed ? execute(attempt, claim) : awaitOutcome(attempt, 0));
    }

    private Mono<Void> execute(Attempt attempt, String claim) {
        ServerWebExchange exchange = attempt.exchange();
        String requestId = RequestIds.of(exchange);
        IdempotentIds.seed(exchange, attempt.recordId());
        CapturingResponse response =
                new CapturingResponse(exchange.getResponse(), stored -> store(attempt, claim, stored));
        ServerWebExchange capturing = exchange.mutate().response(response).build();

        // Errors are written here rather than by the outer handler, so that their response is captured too.
        return attempt.chain()
                .filter(capturing)
                .onErrorResume(error -> {
                    response.getHeaders().remove(HttpHeaders.LOCATION);
                    return errors.handle(capturing, error);
                })
                .then(response.captureIfNoBody())
                .doOnCancel(() -> log.warn(
                        "Request {} was cancelled while executing; a retry with its idempotency key takes the"
                                + " pending record over {} after the request started",
                        requestId,
                        staleAfter));
    }

    /**
     * Tells whether a response leaves the key free instead of being stored: a server error, a rejection that changed
     * nothing, or a rejection that tells the client to retry. A stored 409 {@code CONCURRENT_MODIFICATION} would answer
     * every retry with the same key with the same conflict, so the client could never get past it.
     */
    static boolean releasesKey(int status, byte[] body) {
        if (status >= 500 || CHANGED_NOTHING.contains(status) || status == 429) {
            return true;
        }
        if (status != 409) {
            return false;
        }
        try {
            return ErrorCode.CONCURRENT_MODIFICATION
                    .name()
                    .equals(JSON.readTree(body).path("code").asText());
        } catch (IOException e) {
            return false;
        }
    }

    /** Stores a response of the claiming request, or releases the key when {@link #releasesKey} returns true. */
    private Mono<Void> store(Attempt attempt, String claim, StoredResponse response) {
        String recordId = attempt.recordId();
        if (releasesKey(response.status(), response.body())) {
            // A retry, corrected or not, executes as if the key were new: the first request did nothing to replay.
            return Blocking.call(() -> store.release(recordId, claim)).then();
        }
        if (response.body().length > maxBodyBytes) {
            // NOTE: the request has executed, yet a retry with the same key executes it again.
            log.warn(
                    "Response to idempotency record {} has {} bytes, more than the {} stored; releasing the key",
                    recordId,
                    response.body().length,
                    maxBodyBytes);
            return Blocking.call(() -> store.release(recordId, claim)).then();
        }
        StoredResponse sealed = response.withBody(sealer.seal(response.body(), attempt.principalId(), attempt.key()));
        return Blocking.call(() -> store.complete(recordId, claim, sealed))
                .doOnNext(completed -> {
                    if (!completed) {
                        log.warn(
                                "Idempotency record {} was taken over as stale before its response was stored",
                                recordId);
                    }
                })
                .then();
    }

    private Mono<Void> awaitOutcome(Attempt attempt, int polls) {
        return Blocking.call(() -> Optional.ofNullable(store.find(attempt.recordId())))
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        // The claiming request released the key after a server error, so this one executes.
                        return claimOrWait(attempt);
                    }
                    IdempotencyRecord record = found.get();
                    if (!record.fingerprint().equals(attempt.fingerprint())) {
                        return reject(attempt.exchange(), keyReused());
                    }
                    if (record.isCompleted()) {
                        StoredResponse stored = record.response();
                        byte[] body = sealer.open(stored.body(), attempt.principalId(), attempt.key());
                        return replay(attempt.exchange(), stored.withBody(body));
                    }
                    if (record.createdAt().plus(staleAfter).isBefore(clock.instant())) {
                        // The taken-over request executes again. Its grant and transfer ids derive from the record
                        // (IdempotentIds), so a repeat of an applied one is rejected, and an offer's acceptance
                        // reuses its hold (ContractSteps). NOTE: other routes create new ids on the retry.
                        log.warn(
                                "Idempotency record {} has been pending since {}; taking it over as stale",
                                record.id(),
                                record.createdAt());
                        return Blocking.call(() -> store.release(record.id(), record.claim()))
                                .then(Mono.defer(() -> claimOrWait(attempt)));
                    }
                    if (System.nanoTime() - attempt.deadline() >= 0) {
                        return reject(attempt.exchange(), stillExecuting());
                    }
                    return Mono.delay(pollDelay(polls)).then(Mono.defer(() -> awaitOutcome(attempt, polls + 1)));
                });
    }

    private Mono<Void> replay(ServerWebExchange exchange, StoredResponse stored) {
        log.debug("Request {} replays the stored response of its idempotency key", RequestIds.of(exchange));
        exchange.getResponse().getHeaders().set(REPLAYED_HEADER, "true");
        return stored.writeTo(exchange.getResponse());
    }

    private Mono<Void> reject(ServerWebExchange exchange, LedgerException error) {
        return errors.write(exchange, error, RequestIds.of(exchange));
    }

    private Mono<byte[]> readBody(ServerHttpRequest request) {
        return DataBufferUtils.join(request.getBody(), maxBodyBytes)
                .map(Buffers::toBytes)
                .defaultIfEmpty(new byte[0]);
    }

    private static String fingerprint(ServerHttpRequest request, byte[] body) {
        String query = request.getURI().getRawQuery();
        String target = request.getPath().value() + (query == null ? "" : "?" + query);
        String head = request.getMethod().name() + " " + target + "\n";
        return Sha256.hex(head.getBytes(StandardCharsets.UTF_8), body);
    }

    private static Duration pollDelay(int polls) {
        Duration delay = FIRST_POLL_DELAY.multipliedBy(1L << Math.min(polls, 10));
        return delay.compareTo(MAX_POLL_DELAY) > 0 ? MAX_POLL_DELAY : delay;
    }

    private static LedgerException keyReused() {
        return new LedgerException(
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                IdempotencyKey.HEADER + " was already used for a different request (method, path or body);"
                        + " use a new key for a new request",
                Map.of("header", IdempotencyKey.HEADER));
    }

    private LedgerException stillExecuting() {
        return new LedgerException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "a request with the same " + IdempotencyKey.HEADER + " is still executing after "
                        + waitTimeout.toSeconds() + " s; retry the request later");
    }

    /** One request with an idempotency key, its body already read. */
    private record Attempt(
            ServerWebExchange exchange,
            WebFilterChain chain,
            String recordId,
            String fingerprint,
            long deadline,
            String principalId,
            IdempotencyKey key) {}
}
