package io.openloop.ledger.projection.invocation;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the invocation log projection for replays. */
@Configuration(proxyBeanMethods = false)
class InvocationLogProjectionConfiguration {

    @Bean
    ProjectionDefinition invocationLogProjectionDefinition() {
        return new ProjectionDefinition(
                InvocationLogProjection.PROCESSING_GROUP,
                List.of(InvocationReadModels.INVOCATIONS, InvocationReadModels.OPEN_INVOCATIONS),
                InvocationLogProjection::new);
    }
}
