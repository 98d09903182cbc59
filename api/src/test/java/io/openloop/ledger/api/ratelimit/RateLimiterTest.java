package io.openloop.ledger.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.loop.Plan;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RateLimiterTest {

    @ParameterizedTest
    @EnumSource(Plan.class)
    void keyLimitComesFromItsPlan(Plan plan) {
        RateLimiter limiter = new RateLimiter(6_000);

        RateLimiter.Decision decision = limiter.consume(key("key_" + plan.name(), plan));

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.policy()).isEqualTo("per-key");
        assertThat(decision.limit()).isEqualTo(plan.requestsPerMinute());
        assertThat(decision.remaining()).isEqualTo(plan.requestsPerMinute() - 1L);
        assertThat(decision.seconds()).isEqualTo(1);
    }

    @Test
    void operatorLimitIsConfigured() {
        RateLimiter limiter = new RateLimiter(7);

        RateLimiter.Decision decision = limiter.consume(operator());

        assertThat(decision.policy()).isEqualTo("operator");
        assertThat(decision.limit()).isEqualTo(7);
    }

    @Test
    void overLimitRequestIsRejected() {
        RateLimiter limiter = new RateLimiter(6_000);
        Caller caller = key("key_busy", Plan.FREE);
        for (int i = 0; i < Plan.FREE.requestsPerMinute(); i++) {
            assertThat(limiter.consume(caller).allowed()).isTrue();
        }

        RateLimiter.Decision rejected = limiter.consume(caller);

        assertThat(rejected.allowed()).isFalse();
        assertThat(rejected.remaining()).isZero();
        assertThat(rejected.seconds()).isPositive();
    }

    @Test
    void keysHaveSeparateBuckets() {
        RateLimiter limiter = new RateLimiter(6_000);
        limiter.consume(key("key_a", Plan.FREE));

        RateLimiter.Decision other = limiter.consume(key("key_b", Plan.FREE));

        assertThat(other.remaining()).isEqualTo(Plan.FREE.requestsPerMinute() - 1L);
    }

    @Test
    void planChangeTakesEffectAtOnce() {
        RateLimiter limiter = new RateLimiter(6_000);
        limiter.consume(key("key_upgraded", Plan.FREE));

        RateLimiter.Decision upgraded = limiter.consume(key("key_upgraded", Plan.PRO));

        assertThat(upgraded.limit()).isEqualTo(Plan.PRO.requestsPerMinute());
        assertThat(upgraded.remaining()).isEqualTo(Plan.PRO.requestsPerMinute() - 1L);
    }

    private static Caller key(String keyId, Plan plan) {
        return new Caller(Caller.Kind.KEY, "loop_test", keyId, KeyMode.LIVE, Set.of(), false, plan);
    }

    private static Caller operator() {
        return new Caller(Caller.Kind.OPERATOR, null, null, KeyMode.LIVE, Set.of(), false, null);
    }
}
