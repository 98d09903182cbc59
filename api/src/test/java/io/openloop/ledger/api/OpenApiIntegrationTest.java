package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiIntegrationTest {

    static final List<String> ERROR_STATUSES =
            List.of("400", "401", "403", "404", "409", "413", "415", "422", "429", "500");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, OpenApiIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    JsonNode document;

    @BeforeEach
    void readDocument() {
        // Reading the document took more than the client's default 5 s on a machine busy with other builds.
        client = client.mutate().responseTimeout(Duration.ofSeconds(60)).build();
        document = client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void documentDescribesTheApi() {
        assertThat(document.at("/info/title").asText()).isEqualTo("OpenLoop ledger API");
        assertThat(document.at("/info/version").asText()).isNotBlank();
        assertThat(document.at("/info/version").asText()).isNotEqualTo("unknown");
    }

    @Test
    void loopRegistrationNeedsTheBearerScheme() {
        JsonNode post = document.at("/paths/~1api~1developer~1loops/post");

        assertThat(post.isMissingNode()).isFalse();
        assertThat(post.at("/security/0").has("bearer")).isTrue();
        assertThat(document.at("/components/securitySchemes/bearer/type").asText())
                .isEqualTo("http");
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void creationRoutesDocumentTheirSuccessStatus() {
        JsonNode registration = document.at("/paths/~1api~1developer~1loops/post/responses");
        JsonNode revocation = document.at("/paths/~1api~1loops~1{loopId}~1keys~1{keyId}/delete/responses");

        assertThat(registration.has("201"))
                .as("registration responses %s", registration)
                .isTrue();
        assertThat(registration.has("200"))
                .as("registration responses %s", registration)
                .isFalse();
        assertThat(revocation.has("204"))
                .as("revocation responses %s", revocation)
                .isTrue();
    }

    @Test
    void replayOfSeveralProjectionsDocumentsItsBody() {
        JsonNode body = document.at("/paths/~1api~1admin~1projections~1replay/post/requestBody");

        assertThat(body.isMissingNode()).as("%s", body).isFalse();
        assertThat(body.path("required").asBoolean(false)).as("%s", body).isFalse();
        assertThat(body.at("/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ProjectionReplayRequest");
        JsonNode request = document.at("/components/schemas/ProjectionReplayRequest");
        assertThat(request.at("/properties/names/type").asText())
                .as("%s", request)
                .isEqualTo("array");
        assertThat(request.at("/properties/names/items/type").asText()).isEqualTo("string");
        assertThat(request.path("properties").size()).isEqualTo(1);
    }

    @Test
    void errorSchemaIsAComponent() {
        JsonNode error = document.at("/components/schemas/Error");

        for (String property :
                List.of("code", "message", "requestId", "fields", "requiredScope", "currentState", "required")) {
            assertThat(error.at("/properties/" + property).isMissingNode())
                    .as("property %s", property)
                    .isFalse();
        }
        assertThat(error.at("/properties/available").isMissingNode()).isFalse();
        assertThat(error.at("/required").toString()).contains("code", "message", "requestId");
    }

    @Test
    void everyApiOperationListsTheStandardErrors() {
        JsonNode paths = document.at("/paths");
        assertThat(paths.size()).isPositive();

        paths.fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                    JsonNode responses = operation.getValue().at("/responses");
                    for (String status : ERROR_STATUSES) {
                        assertThat(responses.has(status))
                                .as("%s %s lists %s", operation.getKey(), path.getKey(), status)
                                .isTrue();
                    }
                }));
        assertThat(document.at("/components/responses/RateLimited/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/Error");
    }

    @Test
    void postOperationsDocumentTheIdempotencyKey() {
        JsonNode parameters = document.at("/paths/~1api~1developer~1loops/post/parameters");

        assertThat(parameters.toString()).contains("\"name\":\"Idempotency-Key\"");
    }

    @Test
    void swaggerUiIsServed() {
        client.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }
}
