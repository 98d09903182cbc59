package io.openloop.ledger.command.loop;

import static io.openloop.ledger.command.loop.LoopFixtures.NOW;
import static io.openloop.ledger.command.loop.LoopFixtures.keyId;
import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import io.openloop.ledger.messages.loop.BusinessIdentity;
import io.openloop.ledger.messages.loop.BusinessIdentitySubmittedEvent;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.VerificationStatus;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** A Loop survives a round trip through Axon's Jackson serializer, as a snapshot does. */
class LoopSnapshotTest {

    @Test
    void jacksonRoundTripKeepsWholeState() {
        String ownerKeyId = keyId();
        Loop loop = new Loop();
        loop.on(LoopFixtures.registered("loop_1", "@acme", LoopKind.BUSINESS));
        loop.on(LoopFixtures.ownerKeyIssued("loop_1", ownerKeyId, Scope.all()));
        loop.on(new ApiKeyRevokedEvent("loop_1", ownerKeyId, NOW));
        loop.on(new LoopSuspendedEvent("loop_1", null, NOW));
        BusinessIdentity identity =
                new BusinessIdentity("Acme LLC", "https://acme.example", "ops@acme.example", List.of("US"));
        loop.business().on(new BusinessIdentitySubmittedEvent("loop_1", identity, NOW));
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();

        SerializedObject<String> snapshot = serializer.serialize(loop, String.class);
        Loop restored = serializer.deserialize(snapshot);

        assertThat(restored)
                .usingRecursiveComparison()
                .ignoringCollectionOrder()
                .isEqualTo(loop);
        assertThat(snapshot.getData()).contains(ownerKeyId, "\"revoked\":true", "\"status\":\"suspended\"");
        assertThat(restored.business().status()).isEqualTo(VerificationStatus.PENDING);
    }
}
