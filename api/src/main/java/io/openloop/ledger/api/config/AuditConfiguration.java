package io.openloop.ledger.api.config;

import io.openloop.ledger.messages.auth.AuditMetadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Carries the audit metadata of a command to every event and command that descends from it: the actor, the request
 * id, the correlation id shared by the whole chain and the id of the direct cause.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    private static final List<String> INHERITED = List.of(
            AuditMetadata.ACTOR_TYPE,
            AuditMetadata.ACTOR_LOOP_ID,
            AuditMetadata.ACTOR_KEY_ID,
            AuditMetadata.REQUEST_ID);

    @Bean
    CorrelationDataProvider auditCorrelation() {
        return AuditConfiguration::correlationData;
    }

    static Map<String, ?> correlationData(Message<?> cause) {
        Map<String, Object> data = new HashMap<>();
        for (String key : INHERITED) {
            Object value = cause.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        Object correlation = cause.getMetaData().get(AuditMetadata.CORRELATION_ID);
        data.put(AuditMetadata.CORRELATION_ID, correlation != null ? correlation : cause.getIdentifier());
        data.put(AuditMetadata.CAUSATION_ID, cause.getIdentifier());
        return data;
    }
}
