package io.openloop.ledger.projection.loop;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the loop and API key projections for replays. */
@Configuration(proxyBeanMethods = false)
class LoopProjectionsConfiguration {

    @Bean
    ProjectionDefinition loopsProjectionDefinition() {
        return new ProjectionDefinition(
                LoopProjection.PROCESSING_GROUP, List.of(LoopReadModels.LOOPS), LoopProjection::new);
    }

    @Bean
    ProjectionDefinition apiKeysProjectionDefinition() {
        return new ProjectionDefinition(
                ApiKeyProjection.PROCESSING_GROUP,
                List.of(LoopReadModels.API_KEYS, LoopReadModels.LOOP_KEYS),
                ApiKeyProjection::new);
    }
}
