package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.store.deadlines.MongoDeadlineManager;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the whole server on the embedded store and checks how Axon receives and runs the deadline manager. */
class DeadlineManagerIntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void axonUsesMongoDeadlineManager() {
        try (ConfigurableApplicationContext server = start()) {
            MongoDeadlineManager bean = server.getBean(MongoDeadlineManager.class);
            org.axonframework.config.Configuration axon = server.getBean(org.axonframework.config.Configuration.class);

            assertThat(axon.deadlineManager()).isSameAs(bean);
            assertThat(bean.isRunning()).isTrue();
        }
    }

    @Test
    void handlerParameterResolvesToBean() throws NoSuchMethodException {
        try (ConfigurableApplicationContext server = start()) {
            org.axonframework.config.Configuration axon = server.getBean(org.axonframework.config.Configuration.class);
            Method handler = DeadlineManagerIntegrationTest.class.getDeclaredMethod(
                    "onDue", Object.class, DeadlineManager.class);

            ParameterResolver<?> resolver =
                    axon.parameterResolverFactory().createInstance(handler, handler.getParameters(), 1);

            assertThat(resolver).isNotNull();
            Object resolved = resolver.resolveParameterValue(new GenericDeadlineMessage<>("due"));
            assertThat(resolved).isSameAs(server.getBean(MongoDeadlineManager.class));
        }
    }

    @Test
    void startCreatesIndexes() {
        try (ConfigurableApplicationContext server = start()) {
            List<String> names = new ArrayList<>();
            deadlines(server).listIndexes().forEach(index -> names.add(index.getString("name")));

            assertThat(names).contains("_id_version", "_id_deadlineName");
        }
    }

    @Test
    void dueDeadlineIsFiredAndDeleted() {
        try (ConfigurableApplicationContext server = start()) {
            MongoDeadlineManager manager = server.getBean(MongoDeadlineManager.class);
            AggregateScopeDescriptor unknownLoop = new AggregateScopeDescriptor("Loop", "loop_does_not_exist");

            String scheduleId = manager.schedule(Instant.now(), "probe", null, unknownLoop);

            await().atMost(PATIENCE).until(() -> deadlines(server).countDocuments(Filters.eq("_id", scheduleId)) == 0);
        }
    }

    @Test
    void scheduledDeadlineSurvivesRestart() {
        String scheduleId;
        try (ConfigurableApplicationContext server = start()) {
            AggregateScopeDescriptor loop = new AggregateScopeDescriptor("Loop", "loop_after_restart");
            scheduleId = server.getBean(MongoDeadlineManager.class)
                    .schedule(Instant.now().plus(Duration.ofDays(1)), "probe", null, loop);
        }

        try (ConfigurableApplicationContext server = start()) {
            Document stored =
                    deadlines(server).find(Filters.eq("_id", scheduleId)).first();

            assertThat(stored).isNotNull();
            assertThat(stored.getString("deadlineName")).isEqualTo("probe");
        }
    }

    /** A handler signature as aggregates declare it: the payload first, then the components Axon injects. */
    @SuppressWarnings("unused")
    private void onDue(Object payload, DeadlineManager deadlineManager) {}

    private static MongoCollection<Document> deadlines(ConfigurableApplicationContext server) {
        return server.getBean(MongoDatabase.class).getCollection("deadlines");
    }

    private ConfigurableApplicationContext start() {
        System.out.println(
                "[store] DeadlineManagerIntegrationTest runs on the embedded mongo-java-server store in " + dataDir);
        // Command-line arguments outrank application.yml, which reads the same keys from the environment.
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + TestServers.OPERATOR_TOKEN,
                        "--server.port=0");
    }
}
