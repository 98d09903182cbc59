package io.openloop.ledger.bench;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/**
 * Measures the audit export over HTTP (NDJSON, operator, whole store) beside raw driver reads of the same events in
 * windows of 1,000 positions, documents iterated and discarded: one with {@code pos $in}, one with {@code _id $in}. It
 * alternates the three for a number of rounds in one run and prints the figures as a Markdown table. The goal is an
 * export rate of at least 0.8x the raw {@code pos $in} read. It never fails on a missed goal.
 *
 * <p>Options: {@code --base-url}, {@code --admin-token}, {@code --server-pid}, {@code --clock-ticks} (set by
 * scripts/lib/bench-server.sh), {@code --mongo-uri} and {@code --store-pid} of the store, {@code --rounds} (default 2)
 * and {@code --output}, a file that receives the last export. Each pass reports the CPU time that the server and the
 * store process spent during it.
 */
public final class AuditExportBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WINDOW = 1000;
    private static final double GOAL = 0.8;

    private AuditExportBenchmark() {}

    /** One measured pass: what was read, how long it took and the CPU time the server and the store spent. */
    private record Pass(
            String name, long events, long bytes, double seconds, double serverCpuSeconds, double storeCpuSeconds) {

        double rate() {
            return events / seconds;
        }
    }

    /** What a pass read, before its CPU times are added. */
    private record Read(String name, long events, long bytes, double seconds) {}

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int rounds = options.integer("--rounds", 2, 2);
        String baseUrl = options.text("--base-url");
        String token = options.adminToken();
        String output = options.text("--output");
        ProcessCpu server = new ProcessCpu(options.text("--server-pid"), options.text("--clock-ticks"));
        ProcessCpu store = new ProcessCpu(options.text("--store-pid"), options.text("--clock-ticks"));

        List<Pass> passes = new ArrayList<>();
        try (MongoClient client = MongoClients.create(options.text("--mongo-uri"))) {
            MongoDatabase database = client.getDatabase("openloop");
            for (int round = 1; round <= rounds; round++) {
                System.out.println("round " + round + ": load average " + ServerProbe.loadAverage());
                int number = round;
                passes.add(measure(server, store, () -> rawRead(database, false, number)));
                passes.add(measure(server, store, () -> rawRead(database, true, number)));
                passes.add(measure(server, store, () -> export(baseUrl, token, output, number)));
            }
        }
        print(passes);
    }

    private interface Reading {
        Read run() throws IOException, InterruptedException;
    }

    private static Pass measure(ProcessCpu server, ProcessCpu store, Reading reading)
            throws IOException, InterruptedException {
        double serverBefore = server.seconds();
        double storeBefore = store.seconds();
        Read read = reading.run();
        return new Pass(
                read.name(),
                read.events(),
                read.bytes(),
                read.seconds(),
                server.seconds() - serverBefore,
                store.seconds() - storeBefore);
    }

    /** The CPU time of a process from {@code /proc/PID/stat}; NaN when the process id is not known. */
    private record ProcessCpu(String pid, String clockTicks) {

        double seconds() {
            if (pid == null) {
                return Double.NaN;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                return ticks / Double.parseDouble(clockTicks == null ? "100" : clockTicks);
            } catch (IOException | RuntimeException e) {
                return Double.NaN;
            }
        }
    }

    /**
     * Reads every stored position in windows of 1,000, iterating and discarding documents: with {@code pos $in} (the
     * baseline the goal names), or with {@code _id $in} plus an equality on {@code pos} for the commit that starts
     * before the window (how {@code StoredEventReader} reads, since mongo-java-server returns a document of a
     * multikey {@code $in} once per matching key).
     */
    private static Read rawRead(MongoDatabase database, boolean byId, int round) {
        MongoCollection<Document> events = database.getCollection("events");
        Document counter =
                database.getCollection("sequences").find(eq("_id", "events")).first();
        long head = counter == null ? 0 : ((Number) counter.get("next")).longValue();
        long started = System.nanoTime();
        long count = 0;
        long documents = 0;
        for (long from = 0; from < head; from += WINDOW) {
            List<Long> positions = new ArrayList<>(WINDOW);
            for (long position = from; position < Math.min(head, from + WINDOW); position++) {
                positions.add(position);
            }
            List<Document> found = new ArrayList<>();
            events.find(in(byId ? "_id" : "pos", positions)).into(found);
            if (byId && from > 0) {
                Document straddling = events.find(eq("pos", from)).first();
                if (straddling != null && ((Number) straddling.get("_id")).longValue() < from) {
                    found.add(straddling);
                }
            }
            Set<Object> seen = new HashSet<>();
            for (Document document : found) {
                documents++;
                if (seen.add(document.get("_id")) && document.containsKey("events")) {
                    count += countIn(document, from, from + WINDOW);
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String name = (byId ? "raw _id $in read" : "raw pos $in read") + ", round " + round + " (" + documents
                + " documents returned)";
        return new Read(name, count, -1, seconds);
    }

    /** Counts the events of a commit document with positions in [from, to). */
    private static long countIn(Document commit, long from, long to) {
        long count = 0;
        for (Document event : commit.getList("events", Document.class)) {
            long position = ((Number) event.get("pos")).longValue();
            if (position >= from && position < to) {
                count++;
            }
        }
        return count;
    }

    /** Downloads the operator's export of the whole store and reads the event count from its end line. */
    private static Read export(String baseUrl, String token, String output, int round)
            throws IOException, InterruptedException {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/audit/export"))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        long started = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("export answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        byte[] buffer = new byte[1 << 16];
        byte[] tail = new byte[1 << 14];
        int tailLength = 0;
        long bytes = 0;
        try (InputStream body = response.body();
                OutputStream file =
                        output == null ? OutputStream.nullOutputStream() : Files.newOutputStream(Path.of(output))) {
            for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                file.write(buffer, 0, read);
                bytes += read;
                int keep = Math.min(read, tail.length);
                int shift = Math.min(tailLength, tail.length - keep);
                System.arraycopy(tail, tailLength - shift, tail, 0, shift);
                System.arraycopy(buffer, read - keep, tail, shift, keep);
                tailLength = shift + keep;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        JsonNode end = lastLine(new String(tail, 0, tailLength, StandardCharsets.UTF_8));
        if (!"end".equals(end.path("kind").asText())) {
            throw new IllegalStateException("the export ends without its end line: it is truncated");
        }
        return new Read(
                "HTTP export (NDJSON), round " + round, end.path("events").asLong(), bytes, seconds);
    }

    private static JsonNode lastLine(String tail) throws IOException {
        String trimmed = tail.endsWith("\n") ? tail.substring(0, tail.length() - 1) : tail;
        return JSON.readTree(trimmed.substring(trimmed.lastIndexOf('\n') + 1));
    }

    private static void print(List<Pass> passes) {
        System.out.println();
        System.out.println("| pass | events | MB | seconds | events/s | server CPU s | store CPU s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Pass pass : passes) {
            System.out.printf(
                    "| %s | %,d | %s | %.1f | %,.0f | %.1f | %.1f |%n",
                    pass.name(),
                    pass.events(),
                    pass.bytes() < 0 ? "-" : String.format("%,.0f", pass.bytes() / 1e6),
                    pass.seconds(),
                    pass.rate(),
                    pass.serverCpuSeconds(),
                    pass.storeCpuSeconds());
        }
        Pass rawByPosition = passes.get(passes.size() - 3);
        Pass rawById = passes.get(passes.size() - 2);
        Pass export = passes.get(passes.size() - 1);
        double ratio = export.rate() / rawByPosition.rate();
        System.out.printf(
                "%nexport vs raw pos $in read, last round: %.2fx (goal %.1fx): %s%n",
                ratio, GOAL, ratio >= GOAL ? "met" : "missed");
        System.out.printf("export vs raw _id $in read, last round: %.2fx%n", export.rate() / rawById.rate());
    }
}
