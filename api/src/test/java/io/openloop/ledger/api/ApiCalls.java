package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** HTTP calls shared by the authorisation suites: each returns the status and the JSON body as a map. */
final class ApiCalls {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebTestClient client;

    ApiCalls(WebTestClient client) {
        this.client = client;
    }

    /** A response: its status and its JSON body (an object, an array, or null when it has none). */
    record Response(int status, Object json) {

        /** Returns the body as a JSON object, or an empty map when it is not one. */
        @SuppressWarnings("unchecked")
        Map<String, Object> body() {
            return json instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
        }

        /** Returns the body as a JSON array of objects, or an empty list when it is not one. */
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return json instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
        }

        String code() {
            return (String) body().get("code");
        }

        String string(String field) {
            return (String) body().get(field);
        }

        /** Returns a field of the body that is an array of strings, or an empty list when it is absent. */
        @SuppressWarnings("unchecked")
        List<String> strings(String field) {
            Object value = body().get(field);
            return value == null ? List.of() : (List<String>) value;
        }

        @Override
        public String toString() {
            return status + " " + json;
        }
    }

    /** Sends a request; a null token sends no Authorization header, a null body sends no body. */
    Response send(HttpMethod method, String path, String token, String json) {
        WebTestClient.RequestBodySpec request = client.method(method).uri(path);
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        WebTestClient.RequestHeadersSpec<?> ready = json == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        byte[] body = result.getResponseBody();
        try {
            Object parsed = body == null || body.length == 0 ? null : JSON.readValue(body, Object.class);
            return new Response(result.getStatus().value(), parsed);
        } catch (IOException e) {
            throw new UncheckedIOException("response to " + method + " " + path + " is not JSON", e);
        }
    }

    Response get(String path, String token) {
        return send(HttpMethod.GET, path, token, null);
    }

    /** Registers a top-level developer loop with the operator token; returns the registration with its owner key. */
    Map<String, Object> registerLoop(String handle, String plan) {
        return registerLoop(handle, plan, "developer");
    }

    /** Registers a top-level loop of {@code kind} ({@code developer} or {@code business}) with the operator token. */
    Map<String, Object> registerLoop(String handle, String plan, String kind) {
        Response response = send(
                HttpMethod.POST,
                "/api/developer/loops",
                TestServers.OPERATOR_TOKEN,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"" + handle.substring(1) + "\", \"plan\": \"" + plan
                        + "\", \"kind\": \"" + kind + "\"}");
        assertThat(response.status())
                .as("registration of %s: %s", handle, response)
                .isEqualTo(201);
        return response.body();
    }

    /** Submits a business loop's identity with its owner key and verifies it with the operator token. */
    void verifyBusiness(String loopId, String ownerSecret) {
        Response submitted = send(
                HttpMethod.POST,
                "/api/loops/" + loopId + "/business-identity",
                ownerSecret,
                "{\"legalName\": \"Example LLC\", \"website\": \"https://example.org\","
                        + " \"contactEmail\": \"owner@example.org\", \"serviceArea\": [\"Atlanta\"]}");
        assertThat(submitted.status())
                .as("identity of %s: %s", loopId, submitted)
                .isEqualTo(200);
        Response verified = send(
                HttpMethod.POST,
                "/api/admin/loops/" + loopId + "/verification",
                TestServers.OPERATOR_TOKEN,
                "{\"decision\": \"verified\"}");
        assertThat(verified.status())
                .as("verification of %s: %s", loopId, verified)
                .isEqualTo(200);
    }

    /** Registers a child loop with {@code permissions} (null sends none) using a key of an ancestor. */
    Response registerChild(String parentLoopId, String token, String handle, List<String> permissions) {
        String permissionsJson = permissions == null ? "" : ", \"permissions\": " + jsonList(permissions);
        return send(
                HttpMethod.POST,
                "/api/loops/" + parentLoopId + "/children",
                token,
                "{\"handle\": \"" + handle + "\", \"displayName\": \"" + handle.substring(1) + "\"" + permissionsJson
                        + "}");
    }

    /** Issues a key; {@code extraJson} is added to the body as is, for example {@code , "mode": "test"}. */
    Response issueKey(String loopId, String token, String name, List<String> scopes, String extraJson) {
        return send(
                HttpMethod.POST,
                "/api/loops/" + loopId + "/keys",
                token,
                "{\"name\": \"" + name + "\", \"scopes\": " + jsonList(scopes) + extraJson + "}");
    }

    /** Issues a key and checks that it was created; returns the response with its secret. */
    Map<String, Object> issuedKey(String loopId, String token, String name, List<String> scopes, String extraJson) {
        Response response = issueKey(loopId, token, name, scopes, extraJson);
        assertThat(response.status()).as("issue of key %s: %s", name, response).isEqualTo(201);
        return response.body();
    }

    Response revokeKey(String loopId, String keyId, String token) {
        return send(HttpMethod.DELETE, "/api/loops/" + loopId + "/keys/" + keyId, token, null);
    }

    Response changePermissions(String loopId, String token, List<String> permissions) {
        return send(
                HttpMethod.PUT,
                "/api/loops/" + loopId + "/permissions",
                token,
                "{\"permissions\": " + jsonList(permissions) + "}");
    }

    /** Returns the secret of an owner key from a loop registration. */
    @SuppressWarnings("unchecked")
    static String ownerSecret(Map<String, Object> registration) {
        return (String) ((Map<String, Object>) registration.get("ownerKey")).get("secret");
    }

    @SuppressWarnings("unchecked")
    static String ownerKeyId(Map<String, Object> registration) {
        return (String) ((Map<String, Object>) registration.get("ownerKey")).get("keyId");
    }

    static String jsonList(List<String> values) {
        return values.stream().map(value -> "\"" + value + "\"").toList().toString();
    }
}
