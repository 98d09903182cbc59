package io.openloop.ledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.EmbeddedStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotencyStoreTest {

    static final Duration RETENTION = Duration.ofHours(24);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @RegisterExtension
    static final EmbeddedStore embedded = new EmbeddedStore();

    MutableClock clock;
    IdempotencyStore store;

    @BeforeEach
    void freshCollection() {
        embedded.client()
                .getDatabase("idempotency_test")
                .getCollection(IdempotencyStore.COLLECTION)
                .drop();
        clock = new MutableClock(START);
        store = new IdempotencyStore(embedded.client().getDatabase("idempotency_test"), clock, RETENTION);
    }

    @Test
    void secondClaimOfOneIdFails() {
        assertThat(store.claim("id-1", "fp", "claim-a")).isTrue();

        assertThat(store.claim("id-1", "fp", "claim-b")).isFalse();
    }

    @Test
    void completedRecordReturnsItsResponse() {
        store.claim("id-2", "fp", "claim-a");
        StoredResponse response = new StoredResponse(
                201, "/api/loops/loop_1", "application/json", "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));

        assertThat(store.complete("id-2", "claim-a", response)).isTrue();

        IdempotencyRecord record = store.find("id-2");
        assertThat(record.isCompleted()).isTrue();
        assertThat(record.fingerprint()).isEqualTo("fp");
        assertThat(record.response().status()).isEqualTo(201);
        assertThat(record.response().location()).isEqualTo("/api/loops/loop_1");
        assertThat(record.response().contentType()).isEqualTo("application/json");
        assertThat(record.response().body()).isEqualTo(response.body());
    }

    @Test
    void pendingRecordHasNoResponse() {
        store.claim("id-3", "fp", "claim-a");

        assertThat(store.find("id-3").isCompleted()).isFalse();
    }

    @Test
    void otherClaimCannotCompleteOrRelease() {
        store.claim("id-4", "fp", "claim-a");
        StoredResponse response = new StoredResponse(200, null, null, new byte[0]);

        assertThat(store.complete("id-4", "claim-b", response)).isFalse();
        assertThat(store.release("id-4", "claim-b")).isFalse();
        assertThat(store.find("id-4")).isNotNull();
    }

    @Test
    void releasedKeyCanBeClaimedAgain() {
        store.claim("id-5", "fp", "claim-a");

        assertThat(store.release("id-5", "claim-a")).isTrue();

        assertThat(store.find("id-5")).isNull();
        assertThat(store.claim("id-5", "fp", "claim-b")).isTrue();
    }

    @Test
    void expiredRecordsAreDeletedAndOthersKept() {
        store.claim("old", "fp", "claim-a");
        clock.advance(Duration.ofHours(2));
        store.claim("new", "fp", "claim-b");

        clock.advance(RETENTION.minus(Duration.ofHours(1)));
        long deleted = store.deleteExpired();

        assertThat(deleted).isEqualTo(1);
        assertThat(store.find("old")).isNull();
        assertThat(store.find("new")).isNotNull();
    }

    @Test
    void completionRestartsTheRetention() {
        store.claim("id-6", "fp", "claim-a");
        clock.advance(Duration.ofHours(2));
        store.complete("id-6", "claim-a", new StoredResponse(200, null, null, new byte[0]));

        clock.advance(RETENTION.minus(Duration.ofHours(1)));
        store.deleteExpired();

        assertThat(store.find("id-6")).isNotNull();
    }

    @Test
    void expiryIndexIsAcceptedByTheEmbeddedStore() {
        store.createExpiryIndex();

        assertThat(store.claim("id-7", "fp", "claim-a")).isTrue();
    }

    /** A clock that tests move forward by hand. */
    static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
