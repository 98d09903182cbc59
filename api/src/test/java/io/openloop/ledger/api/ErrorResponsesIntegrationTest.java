package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@SuppressWarnings("unchecked")
class ErrorResponsesIntegrationTest {

    static final String TOKEN = TestServers.OPERATOR_TOKEN;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ErrorResponsesIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Test
    void missingAuthorizationIsUnauthenticated() {
        Map<String, Object> body = client.get()
                .uri("/api/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .exists("X-Request-Id")
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "UNAUTHENTICATED");
        assertThat(body.get("requestId")).isNotNull();
    }

    @Test
    void wrongBearerTokenIsUnauthenticated() {
        Map<String, Object> body = client.get()
                .uri("/api/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK")
                .header(HttpHeaders.AUTHORIZATION, "Bearer lk_live_notakey")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "UNAUTHENTICATED");
    }

    @Test
    void basicSchemeIsUnauthenticated() {
        client.get()
                .uri("/api/loops/x")
                .header(HttpHeaders.AUTHORIZATION, "Basic dXNlcjpwYXNz")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void malformedJsonIsMalformedRequest() {
        Map<String, Object> body = post("{\"handle\": \"@abc\", ")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "MALFORMED_REQUEST");
        assertThat(body.toString()).doesNotContain("Exception");
    }

    @Test
    void arrayBodyIsMalformedRequest() {
        Map<String, Object> body = post("[1, 2]")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "MALFORMED_REQUEST");
        assertThat(body).containsEntry("message", "request body must be a JSON object, not an array");
    }

    @Test
    void stringBodyIsMalformedRequest() {
        Map<String, Object> body = post("\"@abc\"")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "MALFORMED_REQUEST");
        assertThat(body).containsEntry("message", "request body must be a JSON object, not a string");
    }

    @Test
    void invalidUtf8IsMalformedRequest() {
        byte[] invalid = {'{', '"', 'h', 'a', 'n', 'd', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Map<String, Object> body = post(invalid)
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "MALFORMED_REQUEST");
    }

    @Test
    void emptyBodyIsMalformedRequest() {
        Map<String, Object> body = client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "MALFORMED_REQUEST");
    }

    @Test
    void missingFieldIsValidationFailedNamingTheField() {
        Map<String, Object> body = post("{\"displayName\": \"Acme\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "VALIDATION_FAILED");
        assertThat((Map<String, Object>) body.get("fields")).containsKey("handle");
    }

    @Test
    void wrongTypeIsValidationFailedNamingTheField() {
        Map<String, Object> body = post("{\"handle\": \"@acme_types\", \"displayName\": {\"a\": 1}}")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "VALIDATION_FAILED");
        assertThat((Map<String, Object>) body.get("fields")).containsKey("displayName");
    }

    @Test
    void lookAlikeHandleIsValidationFailed() {
        Map<String, Object> body = post("{\"handle\": \"@\u0430cme\", \"displayName\": \"Acme\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "VALIDATION_FAILED");
    }

    @Test
    void unknownPlanIsValidationFailed() {
        Map<String, Object> body = post("{\"handle\": \"@acme_plan\", \"displayName\": \"Acme\", \"plan\": \"gold\"}")
                .expectStatus()
                .isBadRequest()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "VALIDATION_FAILED");
        assertThat((Map<String, Object>) body.get("fields")).containsKey("plan");
    }

    @Test
    void wrongMediaTypeIsUnsupportedMediaType() {
        Map<String, Object> body = client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("handle=@abc")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void formEncodedBodyIsUnsupportedMediaType() {
        for (String path :
                List.of("/api/developer/loops", "/api/admin/loops/loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK/suspension")) {
            Map<String, Object> body = client.post()
                    .uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("reason=fuzz")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(415)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(body).as(path).containsEntry("code", "UNSUPPORTED_MEDIA_TYPE");
            assertThat(body).as(path).containsEntry("contentType", "application/x-www-form-urlencoded");
        }
    }

    @Test
    void oversizedBodyIsPayloadTooLarge() {
        String big = "{\"handle\": \"@abc\", \"displayName\": \"" + "x".repeat(600_000) + "\"}";

        Map<String, Object> body = post(big)
                .expectStatus()
                .isEqualTo(413)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownRouteIsNotFoundAsJson() {
        Map<String, Object> body = client.get()
                .uri("/api/no/such/route")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentType(MediaType.APPLICATION_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "NOT_FOUND");
    }

    @Test
    void unknownOtherRouteIsJsonNotFound() {
        Map<String, Object> body = client.get()
                .uri("/nothing-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "NOT_FOUND");
    }

    @Test
    void wrongMethodIsMethodNotAllowed() {
        Map<String, Object> body = client.method(HttpMethod.DELETE)
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .exchange()
                .expectStatus()
                .isEqualTo(405)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(body).containsEntry("code", "METHOD_NOT_ALLOWED");
    }

    @Test
    void clientRequestIdIsEchoed() {
        client.get()
                .uri("/api/loops/x")
                .header("X-Request-Id", "client-req-12345")
                .exchange()
                .expectHeader()
                .valueEquals("X-Request-Id", "client-req-12345");
    }

    private WebTestClient.ResponseSpec post(String json) {
        return post(json.getBytes(StandardCharsets.UTF_8));
    }

    private WebTestClient.ResponseSpec post(byte[] body) {
        return client.post()
                .uri("/api/developer/loops")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }
}
