package io.openloop.ledger.projection.policy;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the loop policy projection for replays. */
@Configuration(proxyBeanMethods = false)
class LoopPolicyProjectionConfiguration {

    @Bean
    ProjectionDefinition loopPoliciesProjectionDefinition() {
        return new ProjectionDefinition(
                LoopPolicyProjection.PROCESSING_GROUP,
                List.of(LoopPolicyReadModels.LOOP_POLICIES),
                LoopPolicyProjection::new);
    }
}
