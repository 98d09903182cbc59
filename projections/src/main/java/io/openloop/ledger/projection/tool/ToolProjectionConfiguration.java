package io.openloop.ledger.projection.tool;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the tool projection for replays. */
@Configuration(proxyBeanMethods = false)
class ToolProjectionConfiguration {

    @Bean
    ProjectionDefinition toolsProjectionDefinition() {
        return new ProjectionDefinition(
                ToolProjection.PROCESSING_GROUP,
                List.of(ToolReadModels.TOOLS, ToolReadModels.TOOL_VERSIONS),
                ToolProjection::new);
    }
}
