package io.openloop.ledger.command.task;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Makes a failing step of the task settlement and refunds stop its processor segment, which retries the event after a
 * back-off. Axon's default for a processing group without its own handler only logs and skips the event, which would
 * leave a hold unresolved or a refund unpaid. These groups set it themselves, so they do not depend on the
 * application's default.
 */
@Configuration(proxyBeanMethods = false)
class TaskProcessingConfiguration {

    @Autowired
    void propagateFailures(EventProcessingConfigurer configurer) {
        configurer.registerListenerInvocationErrorHandler(
                TaskSettlement.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
        configurer.registerListenerInvocationErrorHandler(
                TaskRefunds.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
