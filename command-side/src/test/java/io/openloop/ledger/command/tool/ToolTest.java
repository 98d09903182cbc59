package io.openloop.ledger.command.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.tool.DeprecateToolVersionCommand;
import io.openloop.ledger.messages.tool.PublishToolVersionCommand;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolVersionDeprecatedEvent;
import io.openloop.ledger.messages.tool.ToolVersionPublishedEvent;
import io.openloop.ledger.messages.tool.ToolVisibility;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.hamcrest.CustomMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ToolTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    static final String TOOL_ID = "tool_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String PUBLISHER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA";
    static final String OTHER_LOOP = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XB";
    static final String TOOL_NAME = "@acme_dev/find_dental_leads";

    private FixtureConfiguration<Tool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Tool.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ToolManifest manifest(String version) {
        return new ToolManifest(
                "find_dental_leads",
                "Find and enrich dental office leads by city.",
                "sales_revenue_ops",
                RiskLevel.LOW,
                false,
                List.of("source_url", "retrieved_at"),
                JsonNodeFactory.instance.objectNode().put("type", "object"),
                JsonNodeFactory.instance.objectNode().put("type", "object"),
                "custom_connector",
                ToolVisibility.MARKETPLACE,
                version,
                0);
    }

    static PublishToolVersionCommand publish(String version) {
        return new PublishToolVersionCommand(TOOL_ID, PUBLISHER, TOOL_NAME, manifest(version));
    }

    static ToolVersionPublishedEvent published(String version) {
        return new ToolVersionPublishedEvent(TOOL_ID, PUBLISHER, TOOL_NAME, manifest(version), NOW);
    }

    @Test
    void firstPublishCreatesTool() {
        fixture.givenNoPriorActivity()
                .when(publish("1.0.0"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(published("1.0.0"));
    }

    @Test
    void higherVersionIsPublished() {
        fixture.given(published("1.0.0")).when(publish("1.1.0")).expectEvents(published("1.1.0"));
    }

    @Test
    void lowerVersionIsVersionConflict() {
        LedgerException error = rejection(fixture.given(published("1.2.0")), publish("1.1.9"));

        assertThat(error.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
        assertThat(error.details()).containsEntry("latestVersion", "1.2.0");
    }

    @Test
    void equalVersionIsVersionConflict() {
        LedgerException error = rejection(fixture.given(published("1.0.0")), publish("1.0.0"));

        assertThat(error.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
        assertThat(error.details()).containsEntry("latestVersion", "1.0.0");
    }

    @Test
    void buildMetadataOnlyIsVersionConflict() {
        LedgerException error = rejection(fixture.given(published("1.0.0+build.1")), publish("1.0.0+build.2"));

        assertThat(error.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
    }

    @Test
    void releaseFollowsItsPreRelease() {
        fixture.given(published("1.0.0-rc.1")).when(publish("1.0.0")).expectEvents(published("1.0.0"));
    }

    @Test
    void preReleaseAfterItsReleaseIsVersionConflict() {
        LedgerException error = rejection(fixture.given(published("1.0.0")), publish("1.0.0-rc.2"));

        assertThat(error.code()).isEqualTo(ErrorCode.VERSION_CONFLICT);
    }

    @Test
    void numericPreReleaseIdentifiersCompareAsNumbers() {
        fixture.given(published("1.0.0-alpha.9"))
                .when(publish("1.0.0-alpha.10"))
                .expectEvents(published("1.0.0-alpha.10"));
    }

    @Test
    void otherPublisherCannotPublishVersion() {
        PublishToolVersionCommand foreign =
                new PublishToolVersionCommand(TOOL_ID, OTHER_LOOP, TOOL_NAME, manifest("2.0.0"));

        LedgerException error = rejection(fixture.given(published("1.0.0")), foreign);

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(error.getMessage()).contains(PUBLISHER);
    }

    @Test
    void invalidVersionIsValidationFailure() {
        LedgerException error = rejection(fixture.givenNoPriorActivity(), publish("1.0"));

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void deprecatePublishedVersion() {
        fixture.given(published("1.0.0"))
                .when(new DeprecateToolVersionCommand(TOOL_ID, "1.0.0", "replaced by 2.0.0"))
                .expectEvents(new ToolVersionDeprecatedEvent(TOOL_ID, "1.0.0", "replaced by 2.0.0", NOW));
    }

    @Test
    void deprecateUnknownVersionIsNotFound() {
        LedgerException error =
                rejection(fixture.given(published("1.0.0")), new DeprecateToolVersionCommand(TOOL_ID, "2.0.0", null));

        assertThat(error.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void deprecateTwiceIsInvalidState() {
        LedgerException error = rejection(
                fixture.given(published("1.0.0"), new ToolVersionDeprecatedEvent(TOOL_ID, "1.0.0", null, NOW)),
                new DeprecateToolVersionCommand(TOOL_ID, "1.0.0", null));

        assertThat(error.code()).isEqualTo(ErrorCode.INVALID_STATE);
    }

    @Test
    void publishAfterDeprecationStillNeedsHigherVersion() {
        LedgerException error = rejection(
                fixture.given(published("1.1.0"), new ToolVersionDeprecatedEvent(TOOL_ID, "1.1.0", null, NOW)),
                publish("1.0.5"));

        assertThat(error.details()).containsEntry("latestVersion", "1.1.0");
    }

    private static LedgerException rejection(TestExecutor<Tool> history, Object command) {
        AtomicReference<Object> thrown = new AtomicReference<>();
        history.when(command).expectNoEvents().expectException(new CustomMatcher<Object>("a LedgerException") {
            @Override
            public boolean matches(Object item) {
                thrown.set(item);
                return item instanceof LedgerException;
            }
        });
        return (LedgerException) thrown.get();
    }
}
