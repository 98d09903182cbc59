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
 * Fills a store for the audit export's volume run and benchmark and for the projection replay benchmark. It appends
 * real ledger events through the event storage engine and records the global digest's checkpoints as the digester
 * does. It also sets the server's tracking tokens at the head, so that a server started on the store does not spend
 * the run projecting the filler.
 *
 * <p>Two mixes of groups of 100 events, appended by {@value #WRITERS} writers at once:
 *
 * <ul>
 *   <li>{@code credits}, the default: a developer loop's registration, its credit account's opening and 98 grants, in
 *       commits of 1 to {@value #MAX_COMMIT} events.
 *   <li>{@code ledger}: loops, keys, policies, credit accounts, a tool's versions, invocations with their holds and
 *       proofs, and a settled task, so that every replayable projection has events to apply (see {@link
 *       LedgerGroup}).
 * </ul>
 *
 * <p>Usage: {@code AuditStoreFiller --mongo-uri=URI --events=N --config=api/src/main/resources/application.yml
 * [--mix=credits|ledger] [--tokens=head|start]}. With {@code --tokens=start} the filler sets no tokens, so a server
 * started on the store runs every processor over the filled events from the start.
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
        String mix = options.text("--mix") == null ? "credits" : options.text("--mix");
        if (!mix.equals("credits") && !mix.equals("ledger")) {
            throw new IllegalArgumentException("--mix must be credits or ledger, got " + mix);
        }
        String tokens = options.text("--tokens") == null ? "head" : options.text("--tokens");
        if (!tokens.equals("head") && !tokens.equals("start")) {
            throw new IllegalArgumentException("--tokens must be head or start, got " + tokens);
        }
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
            append(engine, events, mix.equals("ledger"));
            double appendSeconds = (System.nanoTime() - started) / 1e9;
            long checkpoints = checkpoint(database);
            String tokensSet = "no tokens set";
            if (tokens.equals("head")) {
                int processors = initializeTokens(database, serializer, engine.createHeadToken(), config);
                tokensSet = "tokens of " + processors + " processors at the head";
            }
            System.out.printf(
                    "filled %,d events of the %s mix in %.1f s (%,.0f events/s), %d checkpoints, %s%n",
                    events, mix, appendSeconds, events / appendSeconds, checkpoints, tokensSet);
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

    private static void append(MongoEventStorageEngine engine, int events, boolean ledger) throws Exception {
        int groups = (events + GROUP - 1) / GROUP;
        AtomicInteger next = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                running.add(writers.submit(() -> {
                    for (int group = next.getAndIncrement(); group < groups; group = next.getAndIncrement()) {
                        int size = Math.min(GROUP, events - group * GROUP);
                        if (ledger) {
                            appendLedgerGroup(engine, group, size);
                        } else {
                            appendGroup(engine, group, size);
                        }
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

    /** Appends the first {@code size} events of one group of the ledger mix, a commit at a time. */
    private static void appendLedgerGroup(MongoEventStorageEngine engine, int group, int size) {
        int left = size;
        for (List<DomainEventMessage<?>> commit : LedgerGroup.commits(group)) {
            if (left <= 0) {
                return;
            }
            List<DomainEventMessage<?>> events = commit.subList(0, Math.min(commit.size(), left));
            engine.appendEvents(events);
            left -= events.size();
        }
    }

    static DomainEventMessage<?> message(String type, String stream, long sequence, Object payload) {
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
