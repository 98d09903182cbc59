package io.openloop.ledger.projection.analytics;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the analytics projection for replays. */
@Configuration(proxyBeanMethods = false)
class AnalyticsProjectionConfiguration {

    @Bean
    ProjectionDefinition invocationAnalyticsProjectionDefinition() {
        return new ProjectionDefinition(
                InvocationAnalyticsProjection.PROCESSING_GROUP,
                List.of(AnalyticsReadModels.INVOCATIONS, AnalyticsReadModels.TOOL_VERSIONS),
                InvocationAnalyticsProjection::new);
    }
}
