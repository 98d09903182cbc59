package io.openloop.ledger.projection.proof;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the proof projection for replays. */
@Configuration(proxyBeanMethods = false)
class ProofProjectionConfiguration {

    @Bean
    ProjectionDefinition proofsProjectionDefinition() {
        return new ProjectionDefinition(
                ProofProjection.PROCESSING_GROUP,
                List.of(ProofReadModels.PROOFS, ProofReadModels.VERIFIERS, ProofReadModels.PROOF_SUBJECTS),
                ProofProjection::new);
    }
}
