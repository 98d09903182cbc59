package io.openloop.ledger.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.credit.CreditAccountOpenedEvent;
import io.openloop.ledger.messages.credit.CreditsGrantedEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.store.audit.AuditDigest;
import io.openloop.ledger.store.events.MongoEventStorageEngine;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import io.openloop.ledger.store.tokens.MongoTokenStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.yaml.snakeyaml.Yaml;

/**
 * Fills a store for the audit export's volume run and benchmark. It appends real ledger events through the event
 * storage engine and records the global digest's checkpoints as the digester does. It also sets the server's tracking
 * tokens at the head, so that a server started on the store does not spend the run projecting the filler.
 *
 * <p>Each group of 100 events is a developer loop's registration, its credit account's opening and 98 grants, appended
 * in commits of 1 to {@value #MAX_COMMIT} events. {@value #WRITERS} writers append groups at once.
 *
 * <p>Usage: {@code AuditStoreFiller --mongo-uri=URI --events=N --config=api/src/main/resources/application.yml}
 */
public final class AuditStoreFiller {

    private static final int GROUP = 100;
    /** The maximum number of events in one commit: a command appends a few events to one aggregate at a time. */
    private static final int MAX_COMMIT = 10;

    private static final int WRITERS = 8;
    private static final int BLOCK = 1000;

    private AuditStoreFiller() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        String uri = options.text("--mongo-uri");
        int events = options.integer("--events", 20_000, 1_000_000);
        Path config = Path.of(options.text("--config"));
        try (MongoClient client = MongoClients.create(uri)) {
            MongoDatabase database =
                    client.getDatabase(options.text("--database") == null ? "openloop" : options.text("--database"));
            JacksonSerializer serializer = serializer();
            MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                    .database(database)
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .build();

            long started = System.nanoTime();
            append(engine, events);
            double appendSeconds = (System.nanoTime() - started) / 1e9;
            long checkpoints = checkpoint(database);
            int processors = initializeTokens(database, serializer, engine.createHeadToken(), config);
            System.out.printf(
                    "filled %,d events in %.1f s (%,.0f events/s), %d checkpoints, tokens of %d processors at the"
                            + " head%n",
                    events, appendSeconds, events / appendSeconds, checkpoints, processors);
        }
    }

    /** Returns a serializer configured like the server's, which builds it on the Spring ObjectMapper. */
    private static JacksonSerializer serializer() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    private static void append(MongoEventStorageEngine engine, int events) throws Exception {
        int groups = (events + GROUP - 1) / GROUP;
        AtomicInteger next = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                running.add(writers.submit(() -> {
                    for (int group = next.getAndIncrement(); group < groups; group = next.getAndIncrement()) {
                        int size = Math.min(GROUP, events - group * GROUP);
                        appendGroup(engine, group, size);
                    }
                    return null;
                }));
            }
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    /** Appends one group: the loop's registration, then its account's opening and grants, {@code size} in all. */
    private static void appendGroup(MongoEventStorageEngine engine, int group, int size) {
        String loopId = Ids.newId(Ids.LOOP);
        String accountId = Ids.newId(Ids.ACCOUNT);
        Instant now = Instant.now();
        engine.appendEvents(List.of(message(
                "Loop",
                loopId,
                0,
                new LoopRegisteredEvent(
                        loopId,
                        Handle.of("@audit_fill_" + group),
                        "Audit fill " + group,
                        LoopKind.DEVELOPER,
                        Plan.PRO,
                        Set.of(Scope.AUDIT_READ, Scope.AAP_SEND),
                        Set.of("quotes"),
                        ExecutionMode.GUIDED,
                        now))));

        List<DomainEventMessage<?>> account = new ArrayList<>();
        account.add(message("CreditAccount", accountId, 0, new CreditAccountOpenedEvent(accountId, loopId, now)));
        for (int sequence = 1; sequence < size - 1; sequence++) {
            account.add(message(
                    "CreditAccount",
                    accountId,
                    sequence,
                    new CreditsGrantedEvent(
                            accountId, "grant_" + sequence, 100, "monthly top-up", 100L * sequence, Instant.now())));
            if (account.size() >= 1 + sequence % MAX_COMMIT) {
                engine.appendEvents(account);
                account = new ArrayList<>();
            }
        }
        if (!account.isEmpty()) {
            engine.appendEvents(account);
        }
    }

    private static DomainEventMessage<?> message(String type, String stream, long sequence, Object payload) {
        MetaData metaData = MetaData.with("actorType", "operator").and("requestId", "req_fill_" + stream);
        return new GenericDomainEventMessage<>(type, stream, sequence, payload, metaData);
    }

    /**
     * Records a checkpoint of the global digest for every full block of 1,000 positions, in the layout of {@code
     * audit_checkpoints}: {@code _id} the block's last position, {@code first}, {@code digest}, {@code events}, {@code
     * voids}, {@code marks} (16 hex characters of each event's hash, or 16 dashes for a void) and {@code at}.
     */
    private static long checkpoint(MongoDatabase database) {
        StoredEventReader reader = new StoredEventReader(database);
        MongoCollection<Document> checkpoints = database.getCollection("audit_checkpoints");
        long head = reader.headPosition();
        String digest = AuditDigest.GENESIS;
        long written = 0;
        for (long first = 0; first + BLOCK <= head; first += BLOCK) {
            int events = 0;
            int voids = 0;
            StringBuilder marks = new StringBuilder(BLOCK * 16);
            for (StoredEntry entry : reader.readPositions(first, first + BLOCK)) {
                if (entry.kind() == StoredEntry.Kind.EVENT) {
                    digest = AuditDigest.next(digest, entry.position(), entry.hash());
                    marks.append(entry.hash(), 0, 16);
                    events++;
                } else {
                    marks.append("-".repeat(16));
                    voids++;
                }
            }
            checkpoints.insertOne(new Document("_id", first + BLOCK - 1)
                    .append("first", first)
                    .append("digest", digest)
                    .append("events", events)
                    .append("voids", voids)
                    .append("marks", marks.toString())
                    .append("at", Instant.now().toString()));
            written++;
        }
        return written;
    }

    /** Sets the token of every processor that application.yml configures at {@code head}; returns their number. */
    @SuppressWarnings("unchecked")
    private static int initializeTokens(
            MongoDatabase database, JacksonSerializer serializer, TrackingToken head, Path config) throws IOException {
        Map<String, Object> yaml;
        try (InputStream in = Files.newInputStream(config)) {
            yaml = new Yaml().load(in);
        }
        Map<String, Object> axon = (Map<String, Object>) yaml.get("axon");
        Map<String, Object> handling = (Map<String, Object>) axon.get("eventhandling");
        Map<String, Map<String, Object>> processors = (Map<String, Map<String, Object>>) handling.get("processors");
        MongoTokenStore tokens = MongoTokenStore.builder()
                .database(database)
                .serializer(serializer)
                .build();
        for (Map.Entry<String, Map<String, Object>> processor : processors.entrySet()) {
            Object segments = processor.getValue().getOrDefault("initial-segment-count", 1);
            tokens.initializeTokenSegments(processor.getKey(), ((Number) segments).intValue(), head);
        }
        return processors.size();
    }
}
