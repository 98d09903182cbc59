package io.openloop.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The harness's HTTP client. Every POST carries an {@code Idempotency-Key}, and a request that gets no response (the
 * server was killed), a 5xx, a 429 or a 409 {@code CONCURRENT_MODIFICATION} (the same key is still pending) is sent
 * again with the same key until it gets a final response or {@link #RETRY_LIMIT} passes. With several base URLs each
 * attempt goes to a random one, so a request to a killed node is retried on another.
 */
final class LedgerClient {

    static final Duration RETRY_LIMIT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<String> baseUrls;
    private final AtomicLong retries = new AtomicLong();

    LedgerClient(List<String> baseUrls) {
        this.baseUrls = List.copyOf(baseUrls);
    }

    /** The final response of a request: its status and JSON body (null when the body is empty or not JSON). */
    record Reply(int status, JsonNode body, String text) {

        boolean is(int expected) {
            return status == expected;
        }

        String code() {
            return body == null ? "" : body.path("code").asText();
        }
    }

    /** Sends a POST (or PUT) with a fresh idempotency key and returns its final response. */
    Reply send(String method, String path, String token, String body) throws InterruptedException {
        return send(method, path, token, body, UUID.randomUUID().toString());
    }

    Reply send(String method, String path, String token, String body, String idempotencyKey)
            throws InterruptedException {
        long deadline = System.nanoTime() + RETRY_LIMIT.toNanos();
        while (true) {
            String baseUrl = baseUrls.get(ThreadLocalRandom.current().nextInt(baseUrls.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            Reply reply = null;
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                reply = new Reply(response.statusCode(), parse(response.body()), response.body());
            } catch (IOException e) {
                // No response: the node is down or was killed while it handled the request.
            }
            if (reply != null && !retryable(reply)) {
                return reply;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(method + " " + path + " got no final response within " + RETRY_LIMIT
                        + "; last: " + (reply == null ? "no response" : reply.status() + " " + reply.text()));
            }
            retries.incrementAndGet();
            Thread.sleep(reply != null && reply.status() == 429 ? 1000 : 250);
        }
    }

    /** Sends a GET, retried like {@link #send} while no node responds. */
    Reply get(String path, String token) throws InterruptedException {
        return send("GET", path, token, null, null);
    }

    long retries() {
        return retries.get();
    }

    private static boolean retryable(Reply reply) {
        int status = reply.status();
        return status >= 500 || status == 429 || (status == 409 && "CONCURRENT_MODIFICATION".equals(reply.code()));
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
