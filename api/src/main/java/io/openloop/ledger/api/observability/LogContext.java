package io.openloop.ledger.api.observability;

import io.openloop.ledger.messages.auth.AuditMetadata;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.slf4j.MDC;

/**
 * Puts a message's request id and correlation id in the logging MDC as {@code requestId} and {@code correlationId},
 * so every line logged while a command or event is handled names the request that caused it. Closing restores the
 * MDC as it was, which keeps nested handling (a saga sending a command) from clearing the outer ids.
 */
final class LogContext implements AutoCloseable {

    static final String REQUEST_ID = AuditMetadata.REQUEST_ID;
    static final String CORRELATION_ID = AuditMetadata.CORRELATION_ID;

    private final Map<String, String> previous;

    private LogContext(Map<String, String> previous) {
        this.previous = previous;
    }

    /** Opens a context with the ids of {@code message}. A message without them leaves the MDC unchanged. */
    static LogContext of(Message<?> message) {
        LogContext context = new LogContext(MDC.getCopyOfContextMap());
        put(REQUEST_ID, message.getMetaData().get(AuditMetadata.REQUEST_ID));
        put(CORRELATION_ID, message.getMetaData().get(AuditMetadata.CORRELATION_ID));
        return context;
    }

    private static void put(String key, Object value) {
        if (value != null) {
            MDC.put(key, value.toString());
        }
    }

    @Override
    public void close() {
        if (previous == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(previous);
        }
    }
}
