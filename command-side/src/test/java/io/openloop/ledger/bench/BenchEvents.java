package io.openloop.ledger.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonBinaryWriter;
import org.bson.Document;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * Events of about 600 bytes of JSON payload for the benchmark, and raw driver documents of the same shape and size as
 * the engine's single-event commit documents.
 */
final class BenchEvents {

    static final String AGGREGATE_TYPE = "CreditAccount";

    /** Target size of one payload as JSON, in bytes. */
    static final int PAYLOAD_BYTES = 600;

    private static final String REASON_TEXT = "hold for tool invocation while the provider confirms the usage report; ";

    private static final JacksonSerializer SERIALIZER = serializer();
    private static final String REASON = reasonPadding();

    private BenchEvents() {}

    /** Credits held on an account for a tool invocation, the benchmark's stand-in for a ledger event. */
    record CreditsHeld(
            String accountId,
            String invocationId,
            String toolId,
            long amountMicros,
            String currency,
            String reason,
            Instant heldAt) {}

    /**
     * Returns a JacksonSerializer configured like the server's. Axon's Spring Boot auto-configuration builds that one
     * on the Spring ObjectMapper, which application.yml sets to ISO-8601 dates, no null fields and lenient reads.
     */
    static JacksonSerializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    static String newAggregateId() {
        return "acct_" + UUID.randomUUID();
    }

    static DomainEventMessage<CreditsHeld> event(String aggregateId, long sequenceNumber) {
        Instant now = Instant.now();
        CreditsHeld payload = new CreditsHeld(
                aggregateId,
                "inv_" + UUID.randomUUID(),
                "tool_web_search",
                1_000L + sequenceNumber,
                "USD",
                REASON,
                now);
        MetaData metaData = MetaData.with("traceId", UUID.randomUUID().toString())
                .and("correlationId", UUID.randomUUID().toString());
        return new GenericDomainEventMessage<>(
                AGGREGATE_TYPE,
                aggregateId,
                sequenceNumber,
                payload,
                metaData,
                UUID.randomUUID().toString(),
                now);
    }

    /** Returns one aggregate's consecutive events {@code [firstSequenceNumber, firstSequenceNumber + count)}. */
    static List<DomainEventMessage<?>> events(String aggregateId, long firstSequenceNumber, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(aggregateId, firstSequenceNumber + i));
        }
        return events;
    }

    /** Returns the payload of {@link #event} as the serializer writes it. */
    static String samplePayloadJson() {
        return SERIALIZER
                .serialize(event(newAggregateId(), 0).getPayload(), String.class)
                .getData();
    }

    /**
     * Builds a document laid out as the engine's commit of one event at {@code position}, with payload and metadata of
     * the same length, so that raw inserts move the same bytes and index entries per event as the engine does.
     */
    static Document rawDocument(long position, String aggregateId, long sequenceNumber, String payloadJson) {
        String streamKey = aggregateId + ":" + sequenceNumber;
        String timestamp = Instant.now().toString();
        Document event = new Document("id", UUID.randomUUID().toString())
                .append("seq", sequenceNumber)
                .append("pos", position)
                .append("type", CreditsHeld.class.getName())
                .append("rev", null)
                .append("ts", timestamp)
                .append("payload", payloadJson)
                .append(
                        "meta",
                        "{\"correlationId\":\"" + UUID.randomUUID() + "\",\"traceId\":\"" + UUID.randomUUID() + "\"}")
                .append("hash", "0".repeat(64))
                .append("prev", sequenceNumber == 0 ? null : "0".repeat(64));
        return new Document("_id", position)
                .append("pos", List.of(position))
                .append("keys", List.of(streamKey))
                .append("stream", aggregateId)
                .append("atype", AGGREGATE_TYPE)
                .append("seq", sequenceNumber)
                .append("n", 1)
                .append("ts", timestamp)
                .append("events", List.of(event));
    }

    /** Returns the encoded BSON size of a document in bytes. */
    static int bsonBytes(Document document) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        new DocumentCodec()
                .encode(
                        new BsonBinaryWriter(buffer),
                        document,
                        EncoderContext.builder().build());
        return buffer.getPosition();
    }

    /** Returns a reason text that brings the serialized payload to about {@link #PAYLOAD_BYTES}. */
    private static String reasonPadding() {
        CreditsHeld withoutReason = new CreditsHeld(
                newAggregateId(), "inv_" + UUID.randomUUID(), "tool_web_search", 1_000L, "USD", "", Instant.now());
        int baseBytes =
                SERIALIZER.serialize(withoutReason, String.class).getData().length();
        int reasonLength = Math.max(0, PAYLOAD_BYTES - baseBytes);
        StringBuilder reason = new StringBuilder(reasonLength);
        while (reason.length() < reasonLength) {
            reason.append(REASON_TEXT);
        }
        return reason.substring(0, reasonLength);
    }
}
