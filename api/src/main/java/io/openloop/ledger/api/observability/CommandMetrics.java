package io.openloop.ledger.api.observability;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.openloop.ledger.command.CommandFailures;
import io.openloop.ledger.messages.ErrorCode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Times every handled command as {@value #METRIC}, tagged with the command's type and its outcome: {@code success},
 * or the error code it was rejected with. The time of a command sent through the API runs until its unit of work is
 * cleaned up, so it covers appending the events, and a failed append counts as a failure.
 *
 * <p>Rejections by the domain are logged at INFO, other failures at WARN, both with the request and correlation ids
 * in the MDC. Axon's Spring Boot configuration registers it with the command bus.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class CommandMetrics implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String METRIC = "ledger.commands";
    static final String SUCCESS = "success";

    private static final long NOT_HANDLED = Long.MIN_VALUE;

    private static final Logger log = LoggerFactory.getLogger(CommandMetrics.class);

    private final MeterRegistry registry;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        String type = command.getPayloadType().getSimpleName();
        Clock clock = registry.config().clock();
        long start = clock.monotonicTime();
        AtomicLong handledAt = new AtomicLong(NOT_HANDLED);
        unitOfWork.onCleanup(done -> {
            long end = handledAt.get() != NOT_HANDLED ? handledAt.get() : clock.monotonicTime();
            Throwable failure = failureOf(done);
            String outcome = failure == null ? SUCCESS : outcomeOf(failure);
            Timer.builder(METRIC)
                    .description("Commands handled, by command type and outcome")
                    .tag("command", type)
                    .tag("outcome", outcome)
                    .register(registry)
                    .record(end - start, TimeUnit.NANOSECONDS);
            if (failure != null) {
                logFailure(done.getMessage(), type, outcome, failure);
            }
        });
        try {
            return interceptorChain.proceed();
        } finally {
            // A command sent by an event handler runs in a unit of work nested in the handler's batch, which cleans
            // it up only after the whole batch, so its time ends when its handler returns.
            if (!unitOfWork.isRoot()) {
                handledAt.set(clock.monotonicTime());
            }
        }
    }

    private static Throwable failureOf(UnitOfWork<?> unitOfWork) {
        if (unitOfWork.getExecutionResult() != null
                && unitOfWork.getExecutionResult().isExceptionResult()) {
            return unitOfWork.getExecutionResult().getExceptionResult();
        }
        return null;
    }

    /** Returns the error code of a domain rejection, or a code for the failures the API maps to one. */
    static String outcomeOf(Throwable failure) {
        ErrorCode code = CommandFailures.ledgerCode(failure);
        if (code != null) {
            return code.name();
        }
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof ConcurrencyException) {
                return ErrorCode.CONCURRENT_MODIFICATION.name();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return ErrorCode.INTERNAL_ERROR.name();
    }

    private static void logFailure(CommandMessage<?> command, String type, String outcome, Throwable failure) {
        try (LogContext ignored = LogContext.of(command)) {
            if (ErrorCode.INTERNAL_ERROR.name().equals(outcome)) {
                log.warn("Command {} {} failed", type, command.getIdentifier(), failure);
            } else {
                log.info(
                        "Command {} {} rejected with {}: {}",
                        type,
                        command.getIdentifier(),
                        outcome,
                        failure.getMessage());
            }
        }
    }
}
