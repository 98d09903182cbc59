package io.openloop.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

class BlockingTest {

    @Test
    void callReturnsTheWorksResult() {
        StepVerifier.create(Blocking.call(() -> "done"))
                .expectNext("done")
                .expectComplete()
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void callCompletesEmptyOnNull() {
        StepVerifier.create(Blocking.call(() -> null)).expectComplete().verify(Duration.ofSeconds(5));
    }

    @Test
    void callPassesTheWorksException() {
        IllegalStateException failure = new IllegalStateException("store down");

        StepVerifier.create(Blocking.call(() -> {
                    throw failure;
                }))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(failure))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void cancelledCallRunsToItsEndUninterrupted() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean emitted = new AtomicBoolean();

        Disposable subscription = Blocking.call(() -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                    interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                    finished.countDown();
                    return "stored";
                })
                .subscribe(value -> emitted.set(true));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        // A client that disconnects cancels its request while the work runs, for example inside a group commit.
        subscription.dispose();
        release.countDown();

        assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isFalse();
        assertThat(emitted).isFalse();
    }
}
