package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.ApproveInvocationCommand;
import io.openloop.ledger.messages.invocation.CreditShortfall;
import io.openloop.ledger.messages.invocation.FindInvocationQuery;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ReportInvocationResultCommand;
import io.openloop.ledger.messages.invocation.RequestInvocationCommand;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.policy.PolicyReason;
import io.openloop.ledger.projection.invocation.InvocationReadModels;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Invocations through the whole server on the embedded store: commands on the bus, the expiry deadline on the
 * configured deadline manager, the invocation log and its queries, and a replay of the log that rebuilds the same
 * documents.
 */
class InvocationFlowIntegrationTest {

    private static final JsonNode INPUT = JsonNodeFactory.instance
            .objectNode()
            .put("city", "Atlanta")
            .put("budget", 1250.75)
            .put("largestExactId", 9_007_199_254_740_992L);
    private static final JsonNode OUTPUT = JsonNodeFactory.instance.objectNode().put("quote", 1200);

    @TempDir
    Path dataDir;

    private final String loopId = Ids.newId(Ids.LOOP);
    private final String publisherLoopId = Ids.newId(Ids.LOOP);

    @Test
    void invocationLogReplaysIdentically() {
        try (ConfigurableApplicationContext server = start()) {
            CommandGateway commands = server.getBean(CommandGateway.class);
            QueryGateway queries = server.getBean(QueryGateway.class);
            Instant later = Instant.now().plus(Duration.ofHours(1));

            String succeeded = request(commands, ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, null, later);
            report(commands, succeeded, true);
            String simulated = request(commands, ExecutionMode.SANDBOX, PolicyDecision.ALLOW, null, later);
            report(commands, simulated, true);
            String failed = request(commands, ExecutionMode.GUIDED, PolicyDecision.REQUIRE_APPROVAL, null, later);
            commands.sendAndWait(new ApproveInvocationCommand(failed, loopId, Ids.newId(Ids.KEY)));
            report(commands, failed, false);
            String denied = request(commands, ExecutionMode.AUTOPILOT, PolicyDecision.DENY, null, later);
            CreditShortfall shortfall = new CreditShortfall(40, 3);
            String blocked = request(commands, ExecutionMode.AUTOPILOT, PolicyDecision.ALLOW, shortfall, later);
            String expired = request(
                    commands,
                    ExecutionMode.AUTOPILOT,
                    PolicyDecision.ALLOW,
                    null,
                    Instant.now().plusSeconds(2));

            Map<String, InvocationStatus> expected = Map.of(
                    succeeded, InvocationStatus.SUCCEEDED,
                    simulated, InvocationStatus.SIMULATED,
                    failed, InvocationStatus.FAILED,
                    denied, InvocationStatus.DENIED,
                    blocked, InvocationStatus.BLOCKED,
                    expired, InvocationStatus.EXPIRED);
            expected.forEach((invocationId, status) -> awaitStatus(queries, invocationId, status));
            InvocationView view = queries.query(new FindInvocationQuery(succeeded), InvocationView.class)
                    .join();
            assertThat(view.output()).isEqualTo(OUTPUT);
            assertThat(view.input()).isEqualTo(INPUT);

            MongoCollection<Document> log =
                    server.getBean(MongoDatabase.class).getCollection(InvocationReadModels.INVOCATIONS);
            List<Document> before = sorted(log);
            replay(server.getBean(EventProcessingConfiguration.class));

            List<Document> after = Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> sorted(log), documents -> documents.equals(before));
            assertThat(after).hasSize(6);
        }
    }

    private String request(
            CommandGateway commands,
            ExecutionMode mode,
            PolicyDecision decision,
            CreditShortfall shortfall,
            Instant expiresAt) {
        String invocationId = Ids.newId(Ids.INVOCATION);
        PolicyEvaluation policy = new PolicyEvaluation(decision, List.of(new PolicyReason("TEST", "test")), 0, 50);
        commands.sendAndWait(new RequestInvocationCommand(
                invocationId,
                loopId,
                Ids.newId(Ids.KEY),
                Ids.newId(Ids.TOOL),
                "@acme/quote",
                "1.0.0",
                publisherLoopId,
                mode,
                RiskLevel.LOW,
                List.of(),
                INPUT,
                null,
                policy,
                0,
                null,
                shortfall,
                expiresAt));
        return invocationId;
    }

    private void report(CommandGateway commands, String invocationId, boolean succeeded) {
        commands.sendAndWait(new ReportInvocationResultCommand(
                invocationId,
                publisherLoopId,
                succeeded,
                succeeded ? OUTPUT : null,
                succeeded ? null : "upstream failed",
                0,
                List.of()));
    }

    private static void awaitStatus(QueryGateway queries, String invocationId, InvocationStatus status) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> queries.query(new FindInvocationQuery(invocationId), InvocationView.class)
                                .join()
                                .status(),
                        status::equals);
    }

    /** Clears the invocation log and rebuilds it from the first event. */
    private static void replay(EventProcessingConfiguration processing) {
        StreamingEventProcessor processor = processing
                .eventProcessor("invocation-log", StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private static List<Document> sorted(MongoCollection<Document> log) {
        return log.find().sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    private ConfigurableApplicationContext start() {
        System.out.println(
                "[store] InvocationFlowIntegrationTest runs on the embedded mongo-java-server store in " + dataDir);
        // Command-line arguments outrank application.yml, which reads the same keys from the environment.
        return new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + TestServers.OPERATOR_TOKEN,
                        "--server.port=0");
    }
}
