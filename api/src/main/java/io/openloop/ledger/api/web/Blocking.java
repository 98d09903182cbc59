package io.openloop.ledger.api.web;

import java.util.concurrent.Callable;
import java.util.concurrent.RejectedExecutionException;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking work (Axon's command and query buses, the synchronous MongoDB driver) off the event loop, so one slow
 * store call never stalls other connections.
 */
public final class Blocking {

    private Blocking() {}

    /**
     * Runs the work on Reactor's bounded elastic scheduler and emits its result, or completes empty when it returns
     * null. A cancelled subscription, such as a client that disconnects, drops the result but never interrupts the
     * work, because an interrupt inside a command could fail the group commit that stores other requests' events too,
     * or leave a command half done.
     */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.create(sink -> {
            try {
                Schedulers.boundedElastic().schedule(() -> {
                    T result;
                    try {
                        result = work.call();
                    } catch (Throwable e) {
                        Exceptions.throwIfJvmFatal(e);
                        sink.error(e);
                        return;
                    }
                    sink.success(result);
                });
            } catch (RejectedExecutionException e) {
                sink.error(e);
            }
        });
    }
}
