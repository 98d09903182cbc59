package io.openloop.ledger.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Splits the settlement of priced tasks into its hops, read from the event store after a run: the completion's
 * commit, then the hold's capture (sent by the {@code task-settlement} saga), the credits landing on the business
 * account (sent by the {@code credit-transfers} processor), and the task's settlement (sent by the saga again). Each
 * hop's time runs from one commit's write time to the next, all on the server's clock. Reads the engine's commit
 * documents directly: field {@code ts} is a commit's write time, {@code events} its events with {@code type} and the
 * {@code payload} as JSON text.
 */
final class SettlementTrace {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COMPLETED = "io.openloop.ledger.messages.task.TaskCompletedEvent";
    private static final String CAPTURED = "io.openloop.ledger.messages.credit.HoldCapturedEvent";
    private static final String RECEIVED = "io.openloop.ledger.messages.credit.CreditsReceivedEvent";
    private static final String SETTLED = "io.openloop.ledger.messages.task.TaskSettledEvent";

    /** Commit write times of one hold's settlement steps; null where a step is not in the store. */
    private static final class Steps {

        Instant completed;
        Instant captured;
        Instant received;
        Instant settled;
    }

    private final Map<String, Steps> byHold = new HashMap<>();

    /** Reads the settlement events of the store at {@code uri}, database {@code database}. */
    static SettlementTrace read(String uri, String database) throws IOException {
        // The driver logs its connection at INFO, which would interleave with the figures.
        ((Logger) LoggerFactory.getLogger("org.mongodb.driver")).setLevel(Level.WARN);
        SettlementTrace trace = new SettlementTrace();
        try (MongoClient client = MongoClients.create(uri)) {
            Iterable<Document> commits = client.getDatabase(database)
                    .getCollection("events")
                    .find(Filters.in("events.type", List.of(COMPLETED, CAPTURED, RECEIVED, SETTLED)));
            for (Document commit : commits) {
                Instant writtenAt = Instant.parse(commit.getString("ts"));
                for (Document event : commit.getList("events", Document.class)) {
                    trace.add(event.getString("type"), JSON.readTree(event.getString("payload")), writtenAt);
                }
            }
        }
        return trace;
    }

    private void add(String type, JsonNode payload, Instant writtenAt) {
        switch (type) {
            case COMPLETED -> steps(payload.path("holdId")).completed = writtenAt;
            case CAPTURED -> steps(payload.path("holdId")).captured = writtenAt;
            case RECEIVED -> steps(payload.path("transferId")).received = writtenAt;
            case SETTLED -> steps(payload.path("holdId")).settled = writtenAt;
            default -> {
                // Other events in the same commit.
            }
        }
    }

    private Steps steps(JsonNode holdId) {
        return byHold.computeIfAbsent(holdId.asText(), id -> new Steps());
    }

    /** Prints the hops of the settlements whose completion was written between {@code from} and {@code to}. */
    void print(String label, Instant from, Instant to) {
        Latencies toCapture = new Latencies();
        Latencies toReceipt = new Latencies();
        Latencies toSettlement = new Latencies();
        int unsettled = 0;
        for (Steps steps : byHold.values()) {
            if (steps.completed == null || steps.completed.isBefore(from) || steps.completed.isAfter(to)) {
                continue;
            }
            if (steps.captured == null || steps.received == null || steps.settled == null) {
                unsettled++;
                continue;
            }
            toCapture.add(Duration.between(steps.completed, steps.captured).toNanos());
            toReceipt.add(Duration.between(steps.captured, steps.received).toNanos());
            toSettlement.add(Duration.between(steps.received, steps.settled).toNanos());
        }
        System.out.printf(Locale.ROOT, "%n== settlement hops in the event store, %s%n", label);
        System.out.printf(
                Locale.ROOT,
                "settlements traced     %d (%d completions without all steps)%n",
                toCapture.count(),
                unsettled);
        toCapture.print("completed to captured", "task-settlement saga");
        toReceipt.print("captured to received", "credit-transfers processor");
        toSettlement.print("received to settled", "task-settlement saga");
    }
}
