package io.openloop.ledger.api.web;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking work (Axon's command and query buses, the synchronous MongoDB driver) off the event loop, so one slow
 * store call never stalls other connections.
 */
public final class Blocking {

    private Blocking() {}

    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
