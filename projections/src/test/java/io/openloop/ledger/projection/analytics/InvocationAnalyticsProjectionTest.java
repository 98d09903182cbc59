package io.openloop.ledger.projection.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.invocation.InvocationApprovalRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationApprovedEvent;
import io.openloop.ledger.messages.invocation.InvocationRequestedEvent;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationSucceededEvent;
import io.openloop.ledger.messages.policy.PolicyDecision;
import io.openloop.ledger.messages.policy.PolicyEvaluation;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.messages.tool.ToolVisibility;
import io.openloop.ledger.projection.MemoryMongo;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analytics invocation documents, built by calling the projection as a plain object on the in-process store. */
class InvocationAnalyticsProjectionTest {

    private static final String INV = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    private static final String LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    private static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XP";
    private static final String TOOL = "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XT";
    private static final String KEY = "key_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    // 23:59:59.900 UTC, so the day is the UTC date even where the JVM's zone is ahead of UTC.
    private static final Instant REQUESTED = Instant.parse("2026-12-04T23:59:59.900Z");

    private static MemoryMongo mongo;
    private static int databases;

    private InvocationAnalyticsProjection projection;
    private MongoCollection<Document> invocations;

    @BeforeAll
    static void startMongo() {
        mongo = new MemoryMongo();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void setUp() {
        var database = mongo.database("analytics_" + databases++);
        projection = new InvocationAnalyticsProjection(database);
        invocations = database.getCollection(AnalyticsReadModels.INVOCATIONS);
    }

    @Test
    void approvedSuccessRecordsEveryField() {
        projection.on(published("1.0.0", "sales_revenue_ops"), 0);
        projection.on(requested("1.0.0"), 0);
        projection.on(new InvocationApprovalRequestedEvent(INV, LOOP, INV, List.of(), REQUESTED), 1);
        projection.on(new InvocationApprovedEvent(INV, LOOP, PUBLISHER, LOOP, KEY, REQUESTED.plusMillis(50)), 2);
        projection.on(succeeded(REQUESTED.plusMillis(1_250), 25), 3);

        Document stored = stored();
        assertThat(stored.getString("domain")).isEqualTo("sales_revenue_ops");
        assertThat(stored.getString("day")).isEqualTo("2026-12-04");
        assertThat(stored.getDate("requestedAt")).isEqualTo(Date.from(REQUESTED));
        assertThat(stored.getString("status")).isEqualTo(InvocationStatus.SUCCEEDED.name());
        assertThat(stored.getBoolean("approvalRequested")).isTrue();
        assertThat(stored.getBoolean("approved")).isTrue();
        assertThat(stored.get("credits", Number.class).longValue()).isEqualTo(25);
        assertThat(stored.get("durationMs", Number.class).longValue()).isEqualTo(1_250);
        assertThat(stored.getString("executionMode")).isEqualTo("guided");
    }

    @Test
    void redeliveredEventsChangeNothing() {
        projection.on(published("1.0.0", "sales_revenue_ops"), 0);
        projection.on(requested("1.0.0"), 0);
        projection.on(succeeded(REQUESTED.plusMillis(300), 10), 1);
        Document first = stored();

        projection.on(published("1.0.0", "other_domain"), 0);
        projection.on(requested("1.0.0"), 0);
        projection.on(succeeded(REQUESTED.plusMillis(900), 99), 1);

        assertThat(stored()).isEqualTo(first);
    }

    @Test
    void domainOfUnpublishedVersionIsNull() {
        projection.on(published("1.0.0", "sales_revenue_ops"), 0);
        projection.on(requested("2.0.0"), 0);

        assertThat(stored().getString("domain")).isNull();
        assertThat(stored().getString("status")).isEqualTo(InvocationStatus.REQUESTED.name());
    }

    @Test
    void resetClearsBothCollections() {
        projection.on(published("1.0.0", "sales_revenue_ops"), 0);
        projection.on(requested("1.0.0"), 0);

        projection.reset();

        assertThat(invocations.countDocuments()).isZero();
        projection.on(requested("1.0.0"), 0);
        assertThat(stored().getString("domain")).isNull();
    }

    private Document stored() {
        return invocations.find(Filters.eq("_id", INV)).first();
    }

    private static ToolVersionPublishedEvent published(String version, String category) {
        ToolManifest manifest = new ToolManifest(
                "quote",
                "Quotes a job.",
                category,
                RiskLevel.LOW,
                false,
                List.of(),
                null,
                null,
                "custom_connector",
                ToolVisibility.MARKETPLACE,
                version,
                10);
        return new ToolVersionPublishedEvent(TOOL, PUBLISHER, "@acme/quote", manifest, REQUESTED.minusSeconds(60));
    }

    private static InvocationRequestedEvent requested(String version) {
        return new InvocationRequestedEvent(
                INV,
                LOOP,
                KEY,
                TOOL,
                "@acme/quote",
                version,
                PUBLISHER,
                ExecutionMode.GUIDED,
                RiskLevel.LOW,
                List.of(),
                null,
                null,
                new PolicyEvaluation(PolicyDecision.REQUIRE_APPROVAL, List.of(), 1, 50),
                10,
                REQUESTED.plusSeconds(3600),
                REQUESTED);
    }

    private static InvocationSucceededEvent succeeded(Instant at, long charged) {
        return new InvocationSucceededEvent(INV, LOOP, PUBLISHER, INV, charged, null, List.of(), at);
    }
}
