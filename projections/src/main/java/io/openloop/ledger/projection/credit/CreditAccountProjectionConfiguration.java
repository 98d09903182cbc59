package io.openloop.ledger.projection.credit;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the credit account projection for replays. */
@Configuration(proxyBeanMethods = false)
class CreditAccountProjectionConfiguration {

    @Bean
    ProjectionDefinition creditAccountsProjectionDefinition() {
        return new ProjectionDefinition(
                CreditAccountProjection.PROCESSING_GROUP,
                List.of(CreditReadModels.ACCOUNTS, CreditReadModels.HOLDS, CreditReadModels.ENTRIES),
                CreditAccountProjection::new);
    }
}
