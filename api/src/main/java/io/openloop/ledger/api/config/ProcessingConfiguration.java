package io.openloop.ledger.api.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a failing event handler stop its processor segment, which retries the event after a back-off, instead of
 * Axon's default of logging the error and skipping the event. A skipped event would leave a read model silently
 * different from a replay of the trail.
 */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    @Autowired
    void retryFailedEvents(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
