package io.openloop.ledger.api.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ToolSchemas schemas = new ToolSchemas();

    private LedgerException rejection(String schema, String instance) throws Exception {
        JsonNode schemaNode = JSON.readTree(schema);
        JsonNode instanceNode = JSON.readTree(instance);
        return catchThrowableOfType(
                LedgerException.class,
                () -> schemas.requireValid(
                        "input", "tool_1", "@acme_dev/lookup", "1.0.0", () -> schemaNode, instanceNode));
    }

    @Test
    void selfReferencingSchemaIsValidationFailure() throws Exception {
        LedgerException rejection = rejection("{\"$ref\": \"#\"}", "{\"city\": \"Oslo\"}");

        assertThat(rejection).isNotNull();
        assertThat(rejection.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(rejection)).containsOnlyKeys("tool");
        assertThat(fields(rejection).get("tool")).contains("cannot be evaluated");
        assertThat(fields(rejection).get("tool")).contains("publish a fixed version");
    }

    @Test
    void invalidPatternIsValidationFailure() throws Exception {
        LedgerException rejection = rejection("{\"type\": \"string\", \"pattern\": \"((\"}", "\"x\"");

        assertThat(rejection).isNotNull();
        assertThat(rejection.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(rejection)).containsOnlyKeys("tool");
    }

    @Test
    void missingDefinitionIsValidationFailure() throws Exception {
        LedgerException rejection = rejection("{\"$ref\": \"#/$defs/nope\"}", "{}");

        assertThat(rejection).isNotNull();
        assertThat(rejection.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(rejection)).containsOnlyKeys("tool");
    }

    @Test
    void mismatchedInstanceNamesItsField() throws Exception {
        LedgerException rejection = rejection(
                "{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}", "{\"city\": 5}");

        assertThat(rejection).isNotNull();
        assertThat(fields(rejection)).containsOnlyKeys("input.city");
    }

    @Test
    void errorReadingSchemaPassesThrough() {
        LedgerException notFound = new LedgerException(ErrorCode.NOT_FOUND, "tool version not found");

        LedgerException rejection = catchThrowableOfType(
                LedgerException.class,
                () -> schemas.requireValid(
                        "output",
                        "tool_2",
                        "@acme_dev/lookup",
                        "1.0.0",
                        () -> {
                            throw notFound;
                        },
                        JSON.nullNode()));

        assertThat(rejection).isSameAs(notFound);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fields(LedgerException rejection) {
        return (Map<String, String>) rejection.details().get("fields");
    }
}
