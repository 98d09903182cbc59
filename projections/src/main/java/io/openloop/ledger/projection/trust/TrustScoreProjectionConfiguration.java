package io.openloop.ledger.projection.trust;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the trust score projection for replays. */
@Configuration(proxyBeanMethods = false)
class TrustScoreProjectionConfiguration {

    @Bean
    ProjectionDefinition trustScoresProjectionDefinition() {
        return new ProjectionDefinition(
                TrustScoreProjection.PROCESSING_GROUP,
                List.of(TrustReadModels.TRUST_SCORES),
                TrustScoreProjection::new);
    }
}
