package io.openloop.ledger.projection.audit;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the stream index for replays. */
@Configuration(proxyBeanMethods = false)
class AuditStreamsConfiguration {

    @Bean
    ProjectionDefinition auditStreamsProjection() {
        return new ProjectionDefinition(
                AuditStreamProjection.PROCESSING_GROUP,
                List.of(AuditReadModels.AUDIT_STREAMS),
                AuditStreamProjection::new);
    }
}
