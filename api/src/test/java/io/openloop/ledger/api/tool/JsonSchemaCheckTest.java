package io.openloop.ledger.api.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonSchemaCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validDraft202012SchemaPasses() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "required": ["city"], "properties": {"city": {"$ref": "#/$defs/name"}},
                 "$defs": {"name": {"type": "string", "minLength": 1}}, "prefixItems": [{"type": "string"}]}
                """);

        assertThat(JsonSchemaCheck.problem(schema)).isNull();
    }

    @Test
    void typeOfWrongKindIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(JSON.readTree("{\"type\": 5}"));

        assertThat(problem).startsWith("is not a valid JSON Schema (draft 2020-12)");
        assertThat(problem).contains("type");
    }

    @Test
    void invalidPatternNamesTheExpression() throws Exception {
        String problem =
                JsonSchemaCheck.problem(JSON.readTree("{\"properties\": {\"x\": {\"pattern\": \"[unclosed\"}}}"));

        assertThat(problem).as("problem").isNotNull();
        assertThat(problem).doesNotContain("java.util");
        assertThat(problem).contains("[unclosed");
    }

    @Test
    void remoteReferenceIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(JSON.readTree("{\"$ref\": \"https://example.com/schema.json\"}"));

        assertThat(problem).contains("https://example.com/schema.json");
        assertThat(problem).contains("never fetches");
    }

    @Test
    void nestedRelativeReferenceIsRejected() throws Exception {
        String problem =
                JsonSchemaCheck.problem(JSON.readTree("{\"properties\": {\"a\": {\"$ref\": \"other.json#/x\"}}}"));

        assertThat(problem).contains("other.json#/x");
    }

    @Test
    void referenceInsideDataKeywordIsNotAReference() throws Exception {
        JsonNode schema = JSON.readTree("{\"const\": {\"$ref\": \"https://example.com/x\"}}");

        assertThat(JsonSchemaCheck.problem(schema)).isNull();
    }

    @Test
    void otherDialectIsRejected() throws Exception {
        String problem =
                JsonSchemaCheck.problem(JSON.readTree("{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}"));

        assertThat(problem).contains("only draft 2020-12");
    }

    @Test
    void nonObjectSchemaIsRejected() throws Exception {
        assertThat(JsonSchemaCheck.problem(JSON.readTree("[]"))).contains("must be a JSON object");
    }

    @Test
    void selfReferenceIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(JSON.readTree("{\"$ref\": \"#\"}"));

        assertThat(problem).startsWith("cannot be evaluated");
        assertThat(problem).contains("refers to itself");
    }

    @Test
    void invalidPatternIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(JSON.readTree("{\"type\": \"string\", \"pattern\": \"((\"}"));

        assertThat(problem).startsWith("cannot be evaluated");
    }

    @Test
    void referenceToMissingDefinitionIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(JSON.readTree("{\"$ref\": \"#/$defs/nope\"}"));

        assertThat(problem).startsWith("cannot be evaluated");
    }

    @Test
    void nestedSelfReferenceIsRejected() throws Exception {
        String problem = JsonSchemaCheck.problem(
                JSON.readTree("{\"$defs\": {\"a\": {\"$ref\": \"#/$defs/b\"}, \"b\": {\"$ref\": \"#/$defs/a\"}},"
                        + " \"$ref\": \"#/$defs/a\"}"));

        assertThat(problem).startsWith("cannot be evaluated");
    }

    @Test
    void recursiveSchemaWithBaseCasePasses() throws Exception {
        JsonNode schema = JSON.readTree("""
                {"type": "object", "properties": {"name": {"type": "string"},
                 "children": {"type": "array", "items": {"$ref": "#"}}}}
                """);

        assertThat(JsonSchemaCheck.problem(schema)).isNull();
    }
}
