package io.openloop.ledger.store.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.json.JacksonSerializer;

/** Payloads and message factories shared by the event store tests. */
final class TestEvents {

    static final String ACCOUNT = "CreditAccount";

    private TestEvents() {}

    /** Credits were recorded on an account; the test stand-in for a ledger event. */
    record CreditsRecorded(String accountId, long amount, String note, Instant recordedAt) {}

    /** The first revision of {@link AmountRecorded}, with the amount in a field named cents. */
    @Revision("1")
    record AmountRecordedV1(String accountId, long cents) {}

    /** The second revision: the amount is called amount and carries a currency. */
    @Revision("2")
    record AmountRecorded(String accountId, long amount, String currency) {}

    /** A payload with an integer beyond 2^53, which RFC 8785 canonical JSON cannot hold exactly. */
    record HugeNumber(long value) {}

    static JacksonSerializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    static DomainEventMessage<CreditsRecorded> credit(String accountId, long seq) {
        return credit(accountId, seq, Instant.now());
    }

    static DomainEventMessage<CreditsRecorded> credit(String accountId, long seq, Instant timestamp) {
        CreditsRecorded payload = new CreditsRecorded(accountId, 100 + seq, "grant " + seq, timestamp);
        return new GenericDomainEventMessage<>(
                ACCOUNT,
                accountId,
                seq,
                payload,
                Map.of("traceId", "trace-" + seq),
                UUID.randomUUID().toString(),
                timestamp);
    }

    static String newAccountId() {
        return "acct_" + UUID.randomUUID();
    }
}
