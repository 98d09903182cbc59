package io.openloop.ledger.store.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlinePollerTest {

    private final DeadlinePoller poller = new DeadlinePoller(
            null,
            claimed -> DeadlinePoller.Result.FIRED,
            MongoDeadlineManager.builder()
                    .initialRetryDelay(Duration.ofSeconds(1))
                    .maxRetryDelay(Duration.ofSeconds(5)));

    @Test
    void firstRetryWaitsInitialDelay() {
        assertThat(poller.retryDelay(1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryDelayDoublesPerFailure() {
        assertThat(poller.retryDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(poller.retryDelay(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void retryDelayStopsAtMaximum() {
        assertThat(poller.retryDelay(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(poller.retryDelay(10_000)).isEqualTo(Duration.ofSeconds(5));
    }
}
