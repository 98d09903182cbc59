package io.openloop.ledger.api.openapi;

import io.openloop.ledger.messages.ErrorCode;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Adds the conventions shared by every operation under {@code /api/} to the OpenAPI document: the bearer security
 * scheme, the {@code Error} body schema, the standard error responses, the rate-limit response headers, and the
 * {@code Idempotency-Key} header on POST operations. Responses an operation already documents are kept.
 */
class ApiConventionsCustomizer implements OpenApiCustomizer {

    static final String SECURITY_SCHEME = "bearer";
    static final String ERROR_SCHEMA = "Error";

    private static final String COMPONENT_REF = "#/components/";
    private static final String API_PREFIX = "/api/";

    /** The standard error responses, in status order. */
    private static final List<ErrorResponse> ERROR_RESPONSES = List.of(
            new ErrorResponse(
                    "400", "BadRequest", "MALFORMED_REQUEST (unparseable JSON, bad UTF-8) or VALIDATION_FAILED"),
            new ErrorResponse("401", "Unauthenticated", "UNAUTHENTICATED: credentials are missing or invalid"),
            new ErrorResponse(
                    "403",
                    "Forbidden",
                    "INSUFFICIENT_SCOPE, POLICY_DENIED, SANDBOX_ONLY, LOOP_SUSPENDED or BUSINESS_NOT_VERIFIED"),
            new ErrorResponse("404", "NotFound", "NOT_FOUND: unknown route, id or handle"),
            new ErrorResponse(
                    "409", "Conflict", "HANDLE_TAKEN, VERSION_CONFLICT, INVALID_STATE or CONCURRENT_MODIFICATION"),
            new ErrorResponse(
                    "413",
                    "PayloadTooLarge",
                    "PAYLOAD_TOO_LARGE: the body exceeds the server's limit, 256 KB by default"),
            new ErrorResponse("415", "UnsupportedMediaType", "UNSUPPORTED_MEDIA_TYPE: send application/json"),
            new ErrorResponse(
                    "422", "Unprocessable", "IDEMPOTENCY_KEY_REUSED (same key, different request) or PROOF_REQUIRED"),
            new ErrorResponse("429", "RateLimited", "RATE_LIMITED: retry after Retry-After seconds"),
            new ErrorResponse("500", "InternalError", "INTERNAL_ERROR: quote the requestId when reporting it"));

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(
                SECURITY_SCHEME,
                new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key, or the operator token for operator routes"));
        components.addSchemas(ERROR_SCHEMA, errorSchema());
        components.addHeaders("RateLimit-Policy", header("Quota policy, for example \"per-key\";q=600;w=60"));
        components.addHeaders("RateLimit", header("Remaining quota, for example \"per-key\";r=599;t=1"));
        components.addHeaders("Retry-After", header("Seconds until the next request is allowed"));
        for (ErrorResponse response : ERROR_RESPONSES) {
            components.addResponses(response.component(), errorResponse(response.status(), response.description()));
        }

        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith(API_PREFIX)) {
                item.readOperationsMap().forEach(ApiConventionsCustomizer::apply);
            }
        });
    }

    private static void apply(PathItem.HttpMethod method, Operation operation) {
        operation.addSecurityItem(new SecurityRequirement().addList(SECURITY_SCHEME));

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.forEach((status, response) -> {
            if (!"401".equals(status) && response.get$ref() == null) {
                response.addHeaderObject("RateLimit-Policy", headerRef("RateLimit-Policy"));
                response.addHeaderObject("RateLimit", headerRef("RateLimit"));
            }
        });
        for (ErrorResponse error : ERROR_RESPONSES) {
            responses.putIfAbsent(
                    error.status(), new ApiResponse().$ref(COMPONENT_REF + "responses/" + error.component()));
        }

        if (method == PathItem.HttpMethod.POST) {
            operation.addParametersItem(idempotencyKeyParameter());
        }
    }

    private static ApiResponse errorResponse(String status, String description) {
        ApiResponse response = new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
                                new MediaType()
                                        .schema(new Schema<>().$ref(COMPONENT_REF + "schemas/" + ERROR_SCHEMA))));
        if (!"401".equals(status)) {
            response.addHeaderObject("RateLimit-Policy", headerRef("RateLimit-Policy"));
            response.addHeaderObject("RateLimit", headerRef("RateLimit"));
        }
        if ("429".equals(status)) {
            response.addHeaderObject("Retry-After", headerRef("Retry-After"));
        }
        return response;
    }

    private static Schema<?> errorSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        properties.put("code", code.description("Stable machine-readable code; branch on it, never on the message"));
        properties.put("message", new StringSchema().description("What failed, on which value, and what to do next"));
        properties.put("requestId", new StringSchema().description("The X-Request-Id of the request, to quote"));
        properties.put(
                "fields",
                new ObjectSchema()
                        .additionalProperties(new StringSchema())
                        .description("VALIDATION_FAILED: the message for each failing field or header"));
        properties.put(
                "requiredScope", new StringSchema().description("INSUFFICIENT_SCOPE: the scope the route needs"));
        properties.put("currentState", new StringSchema().description("INVALID_STATE: the resource's current state"));
        properties.put(
                "required", new IntegerSchema().format("int64").description("INSUFFICIENT_CREDITS: credits needed"));
        properties.put(
                "available",
                new IntegerSchema().format("int64").description("INSUFFICIENT_CREDITS: credits available"));

        Schema<?> schema = new ObjectSchema().description("The body of every error response");
        schema.setProperties(properties);
        schema.setRequired(List.of("code", "message", "requestId"));
        return schema;
    }

    private static Parameter idempotencyKeyParameter() {
        return new HeaderParameter()
                .name("Idempotency-Key")
                .required(false)
                .description("1 to 255 visible ASCII characters. A retry with the same key and the same request"
                        + " returns the first response with Idempotency-Replayed: true, for at least 24 hours.")
                .schema(new StringSchema().minLength(1).maxLength(255).pattern("^[\\x21-\\x7E]+$"));
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    private static Header headerRef(String name) {
        return new Header().$ref(COMPONENT_REF + "headers/" + name);
    }

    /** One standard error response: its status, its name under components/responses, and the codes it carries. */
    private record ErrorResponse(String status, String component, String description) {}
}
