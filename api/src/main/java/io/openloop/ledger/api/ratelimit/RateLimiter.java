package io.openloop.ledger.api.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.loop.Plan;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Token buckets of requests per minute, one for each principal: a key's limit comes from its loop's plan, the
 * operator's from {@code openloop.rate-limit.operator-per-minute}. Each bucket refills greedily, spreading the minute's
 * quota evenly over the window.
 *
 * <p>Buckets live in this server's memory, so the limits are per server node: behind a load balancer with N nodes a
 * principal can send up to N times its quota. A bucket idle for longer than the window is full again, so it is dropped
 * from the cache and built anew on the next request.
 */
@Component
class RateLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private static final int MAX_BUCKETS = 100_000;

    private final int operatorPerMinute;
    private final Cache<BucketKey, Bucket> buckets;

    RateLimiter(@Value("${openloop.rate-limit.operator-per-minute:6000}") int operatorPerMinute) {
        if (operatorPerMinute < 1) {
            throw new IllegalArgumentException(
                    "openloop.rate-limit.operator-per-minute is " + operatorPerMinute + "; it must be at least 1");
        }
        this.operatorPerMinute = operatorPerMinute;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(WINDOW.multipliedBy(2))
                .maximumSize(MAX_BUCKETS)
                .build();
    }

    /** Takes one request from the caller's bucket and returns the outcome with the numbers for the headers. */
    Decision consume(Caller caller) {
        int limit = limitOf(caller);

        // The limit is part of the key, so a loop that changes plan gets a bucket of its new size at once.
        Bucket bucket = buckets.get(new BucketKey(caller.principalId(), limit), key -> newBucket(limit));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);

        long waitNanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
        return new Decision(
                probe.isConsumed(), policyName(caller), limit, probe.getRemainingTokens(), secondsRoundedUp(waitNanos));
    }

    int limitOf(Caller caller) {
        if (caller.isOperator()) {
            return operatorPerMinute;
        }
        Plan plan = caller.plan() == null ? Plan.FREE : caller.plan();
        return plan.requestsPerMinute();
    }

    private static String policyName(Caller caller) {
        return caller.isOperator() ? "operator" : "per-key";
    }

    private static Bucket newBucket(int limit) {
        Bandwidth bandwidth =
                Bandwidth.builder().capacity(limit).refillGreedy(limit, WINDOW).build();
        return Bucket.builder().addLimit(bandwidth).build();
    }

    private static long secondsRoundedUp(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    /** One bucket's identity: the principal and the limit its bucket was built with. */
    private record BucketKey(String principalId, int limit) {}

    /**
     * The outcome of one request against its bucket.
     *
     * @param policy the policy name in the headers
     * @param remaining requests left in the bucket after this one
     * @param seconds seconds until the bucket is full again when the request is allowed, or until the next request is
     *     allowed when it is rejected
     */
    record Decision(boolean allowed, String policy, int limit, long remaining, long seconds) {}
}
