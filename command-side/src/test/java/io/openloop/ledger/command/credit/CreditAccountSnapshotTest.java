package io.openloop.ledger.command.credit;

import static io.openloop.ledger.command.credit.CreditFixtures.ACCOUNT_ID;
import static io.openloop.ledger.command.credit.CreditFixtures.NOW;
import static io.openloop.ledger.command.credit.CreditFixtures.OTHER_ACCOUNT_ID;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.openloop.ledger.messages.credit.CreditsReceivedEvent;
import io.openloop.ledger.messages.credit.CreditsTransferredEvent;
import io.openloop.ledger.messages.credit.HoldCapturedEvent;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** A CreditAccount survives a round trip through Axon's Jackson serializer, as a snapshot does. */
class CreditAccountSnapshotTest {

    @Test
    void jacksonRoundTripKeepsWholeState() {
        CreditAccount account = new CreditAccount();
        account.on(CreditFixtures.opened());
        account.on(CreditFixtures.granted("g1", 100, 100));
        account.on(CreditFixtures.held("h1", 40, 60));
        account.on(CreditFixtures.scheduled("h1", "schedule-1"));
        account.on(CreditFixtures.held("h2", 10, 50));
        account.on(new HoldCapturedEvent(ACCOUNT_ID, "h2", 10, 0, OTHER_ACCOUNT_ID, "inv_1", 90, 50, NOW));
        account.on(new CreditsTransferredEvent(ACCOUNT_ID, "t1", OTHER_ACCOUNT_ID, 5, null, 85, NOW));
        account.on(new CreditsReceivedEvent(ACCOUNT_ID, "t9", OTHER_ACCOUNT_ID, 7, 92, NOW));
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule()))
                .build();

        SerializedObject<String> snapshot = serializer.serialize(account, String.class);
        CreditAccount restored = serializer.deserialize(snapshot);

        assertThat(restored).usingRecursiveComparison().isEqualTo(account);
        assertThat(snapshot.getData()).contains("schedule-1", "\"CAPTURED\"", "\"balance\":92");
    }
}
