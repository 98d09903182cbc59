package io.openloop.ledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The benchmarks' HTTP client of one server: JSON requests with a bearer token, retried after a 429. */
final class BenchHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_RATE_LIMIT_RETRIES = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final AtomicLong rateLimited = new AtomicLong();

    BenchHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * Sends a request and returns its JSON body. A 429 is retried after its {@code Retry-After} seconds, up to five
     * times; any other status than {@code expected} raises an {@link IllegalStateException} with the body.
     *
     * @param body JSON text, or null for a request without a body
     */
    JsonNode send(String method, String path, String token, String body, int expected)
            throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 && attempt < MAX_RATE_LIMIT_RETRIES) {
                rateLimited.incrementAndGet();
                long retryAfter =
                        response.headers().firstValueAsLong("Retry-After").orElse(1);
                Thread.sleep(retryAfter * 1000);
                continue;
            }
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }
    }

    /** Returns the body of an unauthenticated GET, whatever its status. */
    String getText(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Returns the number of 429 responses received so far, each of them retried. */
    long rateLimitedResponses() {
        return rateLimited.get();
    }
}
