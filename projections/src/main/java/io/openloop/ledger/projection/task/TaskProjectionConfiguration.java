package io.openloop.ledger.projection.task;

import io.openloop.ledger.projection.ProjectionDefinition;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Declares the task projection for replays. */
@Configuration(proxyBeanMethods = false)
class TaskProjectionConfiguration {

    @Bean
    ProjectionDefinition tasksProjectionDefinition() {
        return new ProjectionDefinition(
                TaskProjection.PROCESSING_GROUP,
                List.of(TaskReadModels.TASKS, TaskReadModels.TASK_MESSAGES, TaskReadModels.TASK_POLICIES),
                TaskProjection::new);
    }
}
