package io.openloop.ledger.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends fuzzed requests over HTTP/1.1 to the server on the loopback address and reads the responses. */
final class FuzzClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_READ = 1 << 20;

    private final HttpClient http;
    private final String base;

    FuzzClient(int port) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request: the path carries its query and is percent-encoded already; a null body sends none. */
    record FuzzRequest(String method, String path, Map<String, String> headers, byte[] body) {

        FuzzRequest withHeader(String name, String value) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.put(name, value);
            return new FuzzRequest(method, path, copy, body);
        }

        FuzzRequest withoutHeader(String name) {
            Map<String, String> copy = new LinkedHashMap<>(headers);
            copy.remove(name);
            return new FuzzRequest(method, path, copy, body);
        }

        FuzzRequest withBody(byte[] newBody) {
            return new FuzzRequest(method, path, headers, newBody);
        }

        @Override
        public String toString() {
            String shown =
                    body == null ? "no body" : excerpt(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            Map<String, String> safeHeaders = new LinkedHashMap<>(headers);
            safeHeaders.computeIfPresent("Authorization", (name, value) -> masked(value));
            return method + " " + excerpt(path) + " " + safeHeaders + " " + shown;
        }
    }

    /** A response: its status, content type and body; {@code json} is null when the body is not JSON. */
    record FuzzResponse(int status, String contentType, byte[] body, JsonNode json) {

        String code() {
            return json == null ? null : json.path("code").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " "
                    + excerpt(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    FuzzResponse send(FuzzRequest request) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), publisher);
        request.headers().forEach(builder::header);
        HttpResponse<InputStream> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        byte[] body;
        try (InputStream stream = response.body()) {
            // An event stream that was accepted stays open, so only its status and headers are read.
            body = contentType.startsWith("text/event-stream") ? new byte[0] : stream.readNBytes(MAX_READ);
        }
        JsonNode json = null;
        if (contentType.startsWith("application/json") && body.length > 0) {
            try {
                json = JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        return new FuzzResponse(response.statusCode(), contentType, body, json);
    }

    /** Keeps the scheme and the start of a credential, so a failure report never prints a whole secret. */
    static String masked(String authorization) {
        String flat = excerpt(authorization);
        return flat.length() <= 16 ? flat : flat.substring(0, 16) + "...";
    }

    static String excerpt(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...(" + flat.length() + " chars)";
    }
}
