package io.openloop.ledger.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrailFactsTest {

    @Test
    void wordMatchesWholeValue() {
        assertThat(TrailFacts.containsWord("{\"reason\":\"crash-grant-u2y-5\"}", "crash-grant-u2y-5"))
                .isTrue();
    }

    @Test
    void wordSkipsLongerNumber() {
        assertThat(TrailFacts.containsWord("{\"reason\":\"crash-grant-u2y-59\"}", "crash-grant-u2y-5"))
                .isFalse();
    }

    @Test
    void wordFindsLaterWholeOccurrence() {
        assertThat(TrailFacts.containsWord("{\"a\":\"memo-10\",\"b\":\"memo-1\"}", "memo-1"))
                .isTrue();
    }

    @Test
    void wordMatchesIdInsideSentence() {
        assertThat(TrailFacts.containsWord("{\"reason\":\"price of task_01ABC held\"}", "task_01ABC"))
                .isTrue();
    }
}
