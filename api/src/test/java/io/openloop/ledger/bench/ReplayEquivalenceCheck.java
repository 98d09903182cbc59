package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.Document;

/**
 * Checks that a replay rebuilds the read models the live processors built from the same events. It waits until every
 * replayable projection's live token has reached the head of a store whose tokens the filler left unset, digests every
 * read-model collection, replays every projection through {@code POST /api/admin/projections/replay}, waits until each
 * is DONE, and digests the collections again. It prints both digests of each collection and exits with 1 when a
 * replay fails or a digest differs.
 *
 * <p>Usage: {@code ReplayEquivalenceCheck --base-url=URL --admin-token=T --mongo-uri=URI}; {@code
 * scripts/check-replay-equivalence.sh} fills the store and starts the server first.
 */
public final class ReplayEquivalenceCheck {

    private static final long POLL_MILLIS = 1000;
    private static final long CATCH_UP_MILLIS = 30 * 60 * 1000L;
    private static final int BATCH = 1000;

    private ReplayEquivalenceCheck() {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        BenchHttp http = options.http();
        String token = options.adminToken();

        JsonNode caughtUp = awaitLiveHead(http, token);
        List<String> collections = new ArrayList<>();
        for (JsonNode projection : caughtUp.get("projections")) {
            for (JsonNode collection : projection.get("collections")) {
                collections.add(collection.asText());
            }
        }

        try (MongoClient client = MongoClients.create(options.text("--mongo-uri"))) {
            MongoDatabase database = client.getDatabase("openloop");
            Map<String, String> live = digests(database, collections);

            JsonNode start = http.send("POST", "/api/admin/projections/replay", token, null, 202);
            boolean failed = false;
            for (JsonNode replay : start.get("replays")) {
                String name = replay.get("name").asText();
                JsonNode status = awaitFinished(http, token, name);
                System.out.printf(
                        "replay of %-22s %-6s eventsApplied %,d%s%n",
                        name,
                        status.get("state").asText(),
                        status.get("eventsApplied").asLong(),
                        status.hasNonNull("error")
                                ? " error: " + status.get("error").asText()
                                : "");
                failed |= !status.get("state").asText().equals("DONE");
            }
            Map<String, String> replayed = digests(database, collections);

            int differing = 0;
            for (String collection : live.keySet()) {
                boolean same = live.get(collection).equals(replayed.get(collection));
                System.out.printf(
                        "%-26s %s live %s%n%-26s %s replayed %s%n",
                        collection,
                        same ? "same" : "DIFFERS",
                        live.get(collection),
                        "",
                        same ? "    " : "       ",
                        replayed.get(collection));
                if (!same) {
                    differing++;
                }
            }
            System.out.printf(
                    "%d of %d read-model collections differ between the live processors and the replay%n",
                    differing, live.size());
            if (failed || differing > 0) {
                System.exit(1);
            }
        }
    }

    /**
     * Polls the projection list until the head stays put and every live token has reached it, twice in a row, and
     * returns the last list. The processors that send commands are not in the list, and a command they send would
     * append events. So the head is read again on every poll, and every processor's lag gauge must be 0 too.
     */
    private static JsonNode awaitLiveHead(BenchHttp http, String token) throws Exception {
        long deadline = System.currentTimeMillis() + CATCH_UP_MILLIS;
        long started = System.nanoTime();
        long firstHead = -1;
        long lastHead = -1;
        int steady = 0;
        while (System.currentTimeMillis() < deadline) {
            JsonNode list = http.send("GET", "/api/admin/projections", token, null, 200);
            long head = list.get("headPosition").asLong();
            if (firstHead < 0) {
                firstHead = head;
            }
            long lowest = Long.MAX_VALUE;
            for (JsonNode projection : list.get("projections")) {
                JsonNode position = projection.get("tokenPosition");
                lowest = Math.min(lowest, position == null || position.isNull() ? -1 : position.asLong());
            }
            boolean processorsIdle = maxLag(http) == 0;
            steady = lowest >= head - 1 && head == lastHead && processorsIdle ? steady + 1 : 0;
            lastHead = head;
            if (steady >= 2) {
                System.out.printf(
                        "live processors at the head after %.1f s: head %,d (%,d at the first poll), tokens:%n",
                        (System.nanoTime() - started) / 1e9, head, firstHead);
                for (JsonNode projection : list.get("projections")) {
                    System.out.printf(
                            "  %-22s %s%n",
                            projection.get("name").asText(),
                            projection.get("tokenPosition").asText());
                }
                return list;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException(
                "timed out after 30 minutes waiting for the live processors to reach the head; read the server's log");
    }

    /**
     * Returns the highest {@code ledger_processor_lag_events} of any processor in {@code /actuator/prometheus}, or
     * {@code Long.MAX_VALUE} when a processor has no sample yet.
     */
    private static long maxLag(BenchHttp http) throws Exception {
        long highest = Long.MAX_VALUE;
        for (String line : http.getText("/actuator/prometheus").split("\n")) {
            if (!line.startsWith("ledger_processor_lag_events{")) {
                continue;
            }
            double lag = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            if (Double.isNaN(lag)) {
                return Long.MAX_VALUE;
            }
            highest = highest == Long.MAX_VALUE ? (long) lag : Math.max(highest, (long) lag);
        }
        return highest;
    }

    private static JsonNode awaitFinished(BenchHttp http, String token, String name) throws Exception {
        while (true) {
            JsonNode status = http.send("GET", "/api/admin/projections/" + name + "/replay", token, null, 200);
            String state = status.get("state").asText();
            if (state.equals("DONE") || state.equals("FAILED")) {
                return status;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static Map<String, String> digests(MongoDatabase database, List<String> collections) {
        Map<String, String> digests = new TreeMap<>();
        for (String collection : collections) {
            digests.put(collection, digest(database.getCollection(collection)));
        }
        return digests;
    }

    /**
     * Returns the number of documents and a SHA-256 over them in {@code _id} order, each with its fields in name order
     * at every depth, as the tests compare collections.
     */
    private static String digest(MongoCollection<Document> collection) {
        TreeMap<String, String> documents = new TreeMap<>();
        // Batches of 1,000: mongo-java-server sends a find without a batch size in one reply, which the driver
        // rejects above 48 MB.
        for (Document document : collection.find().batchSize(BATCH)) {
            documents.put(
                    String.valueOf(document.get("_id")), canonical(document).toJson());
        }
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        for (String json : documents.values()) {
            sha256.update(json.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
        }
        return String.format(
                "%,d documents, sha256 %s", documents.size(), HexFormat.of().formatHex(sha256.digest()));
    }

    private static Document canonical(Document document) {
        Document sorted = new Document();
        for (String name : new TreeSet<>(document.keySet())) {
            sorted.append(name, canonicalValue(document.get(name)));
        }
        return sorted;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Document nested) {
            return canonical(nested);
        }
        if (value instanceof List<?> list) {
            List<Object> values = new ArrayList<>();
            for (Object element : list) {
                values.add(canonicalValue(element));
            }
            return values;
        }
        return value;
    }
}
