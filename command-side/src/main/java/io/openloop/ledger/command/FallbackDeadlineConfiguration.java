package io.openloop.ledger.command;

import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Provides an in-memory {@link DeadlineManager} when no other bean of that type exists, because Axon's Spring Boot
 * support defines none and aggregates that take one as a handler parameter fail without it.
 *
 * <p>It is an auto-configuration because Spring Boot evaluates {@code @ConditionalOnMissingBean} there after every
 * application bean is defined. Its deadlines are lost when the process stops, so an invocation still waiting at
 * shutdown never expires. A persistent deadline manager bean replaces it.
 */
@AutoConfiguration
public class FallbackDeadlineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FallbackDeadlineConfiguration.class);

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnMissingBean(DeadlineManager.class)
    public DeadlineManager deadlineManager(org.axonframework.config.Configuration configuration) {
        log.warn(
                "Deadlines are kept in memory and lost when the server stops; configure a persistent deadline manager");
        return SimpleDeadlineManager.builder()
                .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
                .build();
    }
}
