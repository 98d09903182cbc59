package io.openloop.ledger.api.observability;

import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Puts the request id and correlation id of the message being handled in the logging MDC. Axon's Spring Boot
 * configuration registers it with the command bus, the query bus and every event processor, so command handlers,
 * projections and sagas log with the ids of the request that caused their work.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class LogContextInterceptor implements MessageHandlerInterceptor<Message<?>> {

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try (LogContext ignored = LogContext.of(unitOfWork.getMessage())) {
            return interceptorChain.proceed();
        }
    }
}
