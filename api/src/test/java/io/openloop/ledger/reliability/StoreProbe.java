package io.openloop.ledger.reliability;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * Reads a ledger database directly: whether every processor's tracking token reached the event store's head, a digest
 * of each read-model collection, and the removal of the read models and their tokens before a rebuild.
 */
final class StoreProbe implements AutoCloseable {

    /** Processing groups of the projections module: they only write read models, so a rebuild may replay them. */
    static final List<String> PROJECTION_PROCESSORS = List.of(
            "loops",
            "api-keys",
            "tools",
            "loop-policies",
            "invocation-log",
            "credit-accounts",
            "tasks",
            "proofs",
            "audit-streams",
            "trust-scores",
            "invocation-analytics");

    /** The collections those processors write. */
    static final List<String> READ_MODELS = List.of(
            "loops",
            "api_keys",
            "loop_keys",
            "tools",
            "tool_versions",
            "loop_policies",
            "invocations",
            "open_invocations",
            "credit_accounts",
            "credit_holds",
            "credit_entries",
            "tasks",
            "task_messages",
            "task_policies",
            "proofs",
            "proof_subjects",
            "verifiers",
            "audit_streams",
            "trust_scores",
            "analytics_invocations",
            "analytics_tool_versions");

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(-?\\d+)");
    private static final JsonWriterSettings CANONICAL =
            JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final MongoClient client;
    private final MongoDatabase database;

    StoreProbe(String uri) {
        this.client = MongoClients.create(uri);
        this.database = client.getDatabase("openloop");
    }

    /** Returns the highest allocated global position, or -1 before the first event. */
    long head() {
        Document counter = database.getCollection("sequences")
                .find(Filters.eq("_id", "events"))
                .first();
        return counter == null ? -1 : counter.get("next", Number.class).longValue() - 1;
    }

    /**
     * Returns the processors whose token of some segment is below {@code head}, with their lowest index, and the
     * projection processors without any segment yet, with index -1.
     */
    Map<String, Long> behind(long head) {
        Map<String, Long> behind = new TreeMap<>();
        java.util.Set<String> started = new java.util.HashSet<>();
        for (Document token : database.getCollection("tokens").find(Filters.exists("processorName"))) {
            String text = token.getString("token");
            long index = -1;
            if (text != null) {
                Matcher matcher = TOKEN_INDEX.matcher(text);
                if (matcher.find()) {
                    index = Long.parseLong(matcher.group(1));
                }
            }
            if (index < head) {
                behind.merge(token.getString("processorName"), index, Math::min);
            }
            started.add(token.getString("processorName"));
        }
        for (String processor : PROJECTION_PROCESSORS) {
            if (!started.contains(processor)) {
                behind.put(processor, -1L);
            }
        }
        return behind;
    }

    /**
     * Waits until the head stops moving and every processor reached it. Returns an empty map then, or the processors
     * still behind when {@code timeout} passed.
     */
    Map<String, Long> awaitHead(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long previousHead = Long.MIN_VALUE;
        while (true) {
            long head = head();
            Map<String, Long> behind = behind(head);
            if (behind.isEmpty() && head == previousHead) {
                return behind;
            }
            if (System.nanoTime() > deadline) {
                return behind.isEmpty() ? Map.of("(head still moving)", head) : behind;
            }
            previousHead = behind.isEmpty() ? head : Long.MIN_VALUE;
            Thread.sleep(1000);
        }
    }

    /**
     * Returns the digests of {@link #digests()} once two readings one second apart agree, so a projection that is
     * still writing its last batch is not caught halfway.
     */
    Map<String, String> stableDigests() throws InterruptedException {
        Map<String, String> previous = digests();
        for (int attempt = 0; attempt < 60; attempt++) {
            Thread.sleep(1000);
            Map<String, String> current = digests();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /**
     * Returns the SHA-256 of each read-model collection's documents sorted by {@code _id}, with their count. Field
     * order does not count: an update appends a field that an insert in a rebuild writes in another place.
     */
    Map<String, String> digests() {
        Map<String, String> digests = new TreeMap<>();
        for (String name : READ_MODELS) {
            MessageDigest sha = sha256();
            long count = 0;
            for (Document document : database.getCollection(name).find().sort(Sorts.ascending("_id"))) {
                sha.update(sorted(document).toJson(CANONICAL).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
                count++;
            }
            digests.put(
                    name,
                    count + " documents, "
                            + HexFormat.of().formatHex(sha.digest()).substring(0, 16));
        }
        return digests;
    }

    /** Returns the documents of one collection sorted by {@code _id}, as canonical JSON, for a diff. */
    List<String> documents(String collection) {
        return database
                .getCollection(collection)
                .find()
                .sort(Sorts.ascending("_id"))
                .into(new java.util.ArrayList<>())
                .stream()
                .map(document -> sorted(document).toJson(CANONICAL))
                .toList();
    }

    /** Drops every read model and deletes the tokens of the processors that write them. */
    void dropReadModels() {
        for (String name : READ_MODELS) {
            database.getCollection(name).drop();
        }
        database.getCollection("tokens").deleteMany(Filters.in("processorName", PROJECTION_PROCESSORS));
    }

    /** Returns a copy of {@code document} with the fields of it and of every nested document in name order. */
    private static Document sorted(Document document) {
        Document sorted = new Document();
        new TreeMap<>(document).forEach((name, value) -> sorted.append(name, sortedValue(value)));
        return sorted;
    }

    private static Object sortedValue(Object value) {
        if (value instanceof Document nested) {
            return sorted(nested);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(StoreProbe::sortedValue).toList();
        }
        return value;
    }

    @Override
    public void close() {
        client.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
