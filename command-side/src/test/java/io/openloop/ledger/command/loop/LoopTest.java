package io.openloop.ledger.command.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30.123456Z");

    private FixtureConfiguration<Loop> fixture;
    private InMemoryHandles handles;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Loop.class);
        handles = new InMemoryHandles();
        fixture.registerInjectableResource(handles);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(NoSnapshotTriggerDefinition.INSTANCE);
    }

    @Test
    void registerDeveloperLoopEmitsRegisteredEvent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand(
                        "loop_1", Handle.of("@Acme_Dev"), "  Acme Dev  ", LoopKind.DEVELOPER, Plan.PRO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new LoopRegisteredEvent(
                        "loop_1", Handle.of("@acme_dev"), "Acme Dev", LoopKind.DEVELOPER, Plan.PRO, NOW));

        assertThat(handles.claims).containsEntry("@acme_dev", "loop_1");
    }

    @Test
    void registerWithoutPlanDefaultsToFree() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@biz"), "Biz", LoopKind.BUSINESS, null))
                .expectEvents(
                        new LoopRegisteredEvent("loop_1", Handle.of("@biz"), "Biz", LoopKind.BUSINESS, Plan.FREE, NOW));
    }

    @Test
    void registerWithTakenHandleFailsWithHandleTaken() {
        handles.claims.put("@acme_dev", "loop_other");

        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@ACME_DEV"), "Acme", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectException(LedgerException.class)
                .expectExceptionMessage("handle @acme_dev is taken; choose another handle");
    }

    @Test
    void registerAgentKindAtTopLevelFailsValidation() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@bot"), "Bot", LoopKind.AGENT, Plan.FREE))
                .expectNoEvents()
                .expectException(LedgerException.class);

        assertThat(handles.claims).isEmpty();
    }

    @Test
    void registerWithBlankDisplayNameFailsValidation() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@bot"), "   ", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectExceptionMessage("displayName is missing; send a name such as \"Acme Dev\"");
    }

    @Test
    void registerWithControlCharacterInDisplayNameFailsValidation() {
        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@bot"), "Acme\u0007", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectExceptionMessage("displayName contains a control character; remove it");
    }

    @Test
    void registerWithOverlongDisplayNameFailsValidation() {
        String name = "x".repeat(Loop.MAX_DISPLAY_NAME_LENGTH + 1);

        fixture.givenNoPriorActivity()
                .when(new RegisterLoopCommand("loop_1", Handle.of("@bot"), name, LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void registeringSameLoopTwiceIsRejected() {
        fixture.given(new LoopRegisteredEvent("loop_1", Handle.of("@acme"), "Acme", LoopKind.DEVELOPER, Plan.FREE, NOW))
                .when(new RegisterLoopCommand("loop_1", Handle.of("@acme"), "Acme", LoopKind.DEVELOPER, Plan.FREE))
                .expectNoEvents()
                .expectException(Exception.class);
    }

    @Test
    void validationErrorNamesTheFailingField() {
        LedgerException error = null;
        try {
            DisplayNames.validate(null);
        } catch (LedgerException e) {
            error = e;
        }

        assertThat(error).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(error.details()).containsKey("fields");
    }

    /** Handle claims held in a map, with the same rules as the MongoDB registry. */
    static final class InMemoryHandles implements HandleRegistry {

        final Map<String, String> claims = new HashMap<>();

        @Override
        public void claim(Handle handle, String loopId) {
            String holder = claims.putIfAbsent(handle.value(), loopId);
            if (holder != null && !holder.equals(loopId)) {
                throw new LedgerException(
                        ErrorCode.HANDLE_TAKEN, "handle " + handle + " is taken; choose another handle");
            }
        }
    }
}
