package io.openloop.ledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdempotencyFilterRulesTest {

    @Test
    void retryableConflictReleasesKey() {
        assertThat(IdempotencyFilter.releasesKey(409, body("CONCURRENT_MODIFICATION")))
                .isTrue();
        assertThat(IdempotencyFilter.releasesKey(429, body("RATE_LIMITED"))).isTrue();
    }

    @Test
    void conflictOfStateIsStoredAndReplayed() {
        assertThat(IdempotencyFilter.releasesKey(409, body("INVALID_STATE"))).isFalse();
        assertThat(IdempotencyFilter.releasesKey(409, "not json".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
    }

    @Test
    void serverErrorsAndNoOpRejectionsReleaseKey() {
        assertThat(IdempotencyFilter.releasesKey(500, new byte[0])).isTrue();
        assertThat(IdempotencyFilter.releasesKey(503, new byte[0])).isTrue();
        assertThat(IdempotencyFilter.releasesKey(400, body("VALIDATION_FAILED")))
                .isTrue();
        assertThat(IdempotencyFilter.releasesKey(404, body("NOT_FOUND"))).isTrue();
    }

    @Test
    void successesAndOtherRejectionsAreStored() {
        assertThat(IdempotencyFilter.releasesKey(201, "{\"id\":\"loop_1\"}".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(IdempotencyFilter.releasesKey(402, body("INSUFFICIENT_CREDITS")))
                .isFalse();
        assertThat(IdempotencyFilter.releasesKey(403, body("POLICY_DENIED"))).isFalse();
    }

    private static byte[] body(String code) {
        return ("{\"code\":\"" + code + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
    }
}
