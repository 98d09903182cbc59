package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;

/**
 * Samples projection lag while a load runs: it sends one invocation at a time with a key of its own and, after the 2xx,
 * polls the {@code invocations} read model in the store until the invocation is there. The lag is the time from the
 * response to the first read that finds it. Reads go to the store directly, so polling costs the server no CPU.
 */
final class LagSampler implements AutoCloseable {

    private static final long POLL_NANOS = 5_000_000;
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    private final BenchHttp http;
    private final String token;
    private final String body;
    private final MongoCollection<Document> invocations;
    private final long intervalNanos;
    private final Latencies lags = new Latencies();
    private final AtomicLong commands = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;

    /**
     * @param body the JSON body of {@code POST /api/tools/invoke}
     * @param intervalNanos the time from one sample's start to the next one's, unless a sample takes longer
     */
    LagSampler(BenchHttp http, String token, String body, MongoCollection<Document> invocations, long intervalNanos) {
        this.http = http;
        this.token = token;
        this.body = body;
        this.invocations = invocations;
        this.intervalNanos = intervalNanos;
        this.thread = new Thread(this::sampleUntilClosed, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sampleUntilClosed() {
        long next = System.nanoTime();
        while (running) {
            try {
                sampleOnce();
            } catch (Exception e) {
                failure = e;
                return;
            }
            next = Math.max(next + intervalNanos, System.nanoTime());
            LoadPhases.sleepNanos(next - System.nanoTime());
        }
    }

    private void sampleOnce() throws Exception {
        JsonNode started = http.send("POST", "/api/tools/invoke", token, body, 201);
        long acknowledged = System.nanoTime();
        commands.incrementAndGet();
        String invocationId = started.path("invocationId").asText();
        while (invocations.find(Filters.eq("_id", invocationId)).first() == null) {
            if (System.nanoTime() - acknowledged > GIVE_UP_NANOS) {
                throw new IllegalStateException(
                        "invocation " + invocationId + " did not reach its read model within 60 s");
            }
            LoadPhases.sleepNanos(POLL_NANOS);
        }
        long lag = System.nanoTime() - acknowledged;
        synchronized (lags) {
            lags.add(lag);
        }
    }

    /** Returns the number of invocations this sampler started so far, each with a 201 response. */
    long commands() {
        return commands.get();
    }

    /** Stops sampling after the current sample and waits for the sampler thread to end. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(GIVE_UP_NANOS / 1_000_000 + 30_000);
        if (failure != null) {
            System.out.println("note: the lag sampler stopped early: " + failure.getMessage());
        }
    }

    /** Returns the lags measured so far, in nanoseconds. */
    Latencies lags() {
        synchronized (lags) {
            return lags;
        }
    }
}
