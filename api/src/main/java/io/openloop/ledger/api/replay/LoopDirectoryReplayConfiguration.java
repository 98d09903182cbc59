package io.openloop.ledger.api.replay;

import io.openloop.ledger.command.loop.LoopDirectoryHandlers;
import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the loop directory of the command side for replays. Its handler lives in the command side, which does not
 * see the projections module, so the definition is declared here.
 */
@Configuration(proxyBeanMethods = false)
class LoopDirectoryReplayConfiguration {

    @Bean
    ProjectionDefinition loopDirectoryProjectionDefinition() {
        return new ProjectionDefinition(
                LoopDirectoryHandlers.PROCESSING_GROUP,
                List.of(LoopDirectoryHandlers.COLLECTION),
                LoopDirectoryHandlers::newHandler);
    }
}
