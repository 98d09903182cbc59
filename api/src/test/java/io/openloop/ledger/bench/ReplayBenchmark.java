package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Replays every projection of a filled store through {@code POST /api/admin/projections/replay} and times it until
 * every projection is DONE. Then it reads the rebuilt read-model documents and writes the same documents with
 * {@code insertMany} (batches of {@value #BATCH}) into a scratch collection of the same store, and prints both rates
 * and the ratio of the two times (goal: at least 0.5).
 *
 * <p>Usage: {@code ReplayBenchmark --base-url=URL --admin-token=T --mongo-uri=URI [--replay-seconds=S]}
 *
 * <p>With {@code --replay-seconds}, it starts no replay: it takes {@code S} as the time of a replay that already
 * rebuilt the read models of the store, and runs the {@code insertMany} pass alone. That measures the pass again after
 * a run whose client stopped before it, on the same store and documents.
 */
public final class ReplayBenchmark {

    private static final int BATCH = 1000;
    private static final String SCRATCH = "bench_replay_scratch";
    private static final long POLL_MILLIS = 500;

    private ReplayBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        BenchHttp http = options.http();
        String token = options.adminToken();

        JsonNode before = http.send("GET", "/api/admin/projections", token, null, 200);
        String givenSeconds = options.text("--replay-seconds");
        double replaySeconds = givenSeconds == null ? replay(http, token, before) : Double.parseDouble(givenSeconds);

        List<String> collections = new ArrayList<>();
        for (JsonNode projection : before.get("projections")) {
            for (JsonNode collection : projection.get("collections")) {
                collections.add(collection.asText());
            }
        }
        try (MongoClient client = MongoClients.create(options.text("--mongo-uri"))) {
            MongoDatabase database = client.getDatabase("openloop");
            bulkWrite(database, collections, replaySeconds);
        }
    }

    /** Replays every projection, prints each one's state and returns the seconds until all were finished. */
    private static double replay(BenchHttp http, String token, JsonNode before) throws Exception {
        long head = before.get("headPosition").asLong();
        long started = System.nanoTime();
        JsonNode start = http.send("POST", "/api/admin/projections/replay", token, null, 202);
        String replayId = start.get("replayId").asText();
        Map<String, JsonNode> finished = awaitFinished(http, token, start);
        double replaySeconds = (System.nanoTime() - started) / 1e9;

        System.out.printf(
                "replay %s of %d projections over %,d positions: %.1f s, %,.0f events/s%n",
                replayId, finished.size(), head, replaySeconds, head / replaySeconds);
        for (Map.Entry<String, JsonNode> entry : finished.entrySet()) {
            JsonNode status = entry.getValue();
            System.out.printf(
                    "  %-22s %-6s eventsApplied %,d%s%n",
                    entry.getKey(),
                    status.get("state").asText(),
                    status.get("eventsApplied").asLong(),
                    status.hasNonNull("error")
                            ? " error: " + status.get("error").asText()
                            : "");
        }
        return replaySeconds;
    }

    private static Map<String, JsonNode> awaitFinished(BenchHttp http, String token, JsonNode start) throws Exception {
        Map<String, JsonNode> finished = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode replay : start.get("replays")) {
            names.add(replay.get("name").asText());
        }
        while (finished.size() < names.size()) {
            Thread.sleep(POLL_MILLIS);
            for (String name : names) {
                if (finished.containsKey(name)) {
                    continue;
                }
                JsonNode status = http.send("GET", "/api/admin/projections/" + name + "/replay", token, null, 200);
                String state = status.get("state").asText();
                if (state.equals("DONE") || state.equals("FAILED")) {
                    finished.put(name, status);
                }
            }
        }
        return finished;
    }

    /** Writes the rebuilt documents again into a scratch collection, the store's raw rate for the same documents. */
    private static void bulkWrite(MongoDatabase database, List<String> collections, double replaySeconds) {
        List<Document> documents = new ArrayList<>();
        for (String collection : collections) {
            // Batches of 1,000: mongo-java-server 1.47.0 sends a find without a batch size in one reply, which the
            // driver rejects above 48 MB.
            for (Document document : database.getCollection(collection).find().batchSize(BATCH)) {
                document.put("_id", collection + "/" + document.get("_id"));
                documents.add(document);
            }
        }
        MongoCollection<Document> scratch = database.getCollection(SCRATCH);
        scratch.drop();
        long started = System.nanoTime();
        for (int from = 0; from < documents.size(); from += BATCH) {
            scratch.insertMany(documents.subList(from, Math.min(from + BATCH, documents.size())));
        }
        double insertSeconds = Math.max((System.nanoTime() - started) / 1e9, 1e-9);
        scratch.drop();
        System.out.printf(
                "insertMany of the same %,d read-model documents: %.1f s, %,.0f documents/s%n",
                documents.size(), insertSeconds, documents.size() / insertSeconds);
        System.out.printf(
                "ratio (insertMany time / replay time): %.3f (goal: at least 0.5)%n", insertSeconds / replaySeconds);
    }
}
