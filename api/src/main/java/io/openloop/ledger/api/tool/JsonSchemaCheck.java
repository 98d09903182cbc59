package io.openloop.ledger.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a tool's schema is a JSON Schema of draft 2020-12: it is validated against the draft's meta-schema,
 * which json-schema-validator bundles, with remote loading turned off, and every {@code $ref} and {@code $dynamicRef}
 * must point inside the same document ({@code #...}). The server never fetches a schema from the network.
 */
final class JsonSchemaCheck {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final Set<String> REFERENCE_KEYWORDS = Set.of("$ref", "$dynamicRef");

    /** Keywords whose values are data, not subschemas, so a {@code $ref} inside them is not a reference. */
    private static final Set<String> DATA_KEYWORDS = Set.of("const", "enum", "default", "examples");

    private static final Schema META_SCHEMA = SchemaRegistry.withDefaultDialect(
                    SpecificationVersion.DRAFT_2020_12,
                    registry -> registry.schemaLoader(loader -> loader.fetchRemoteResources(false)))
            .getSchema(SchemaLocation.of(DIALECT));

    private JsonSchemaCheck() {}

    /** Returns the first problem of {@code schema} in words, or null when it is a valid draft 2020-12 schema. */
    static String problem(JsonNode schema) {
        if (schema == null || schema.isNull()) {
            return "is missing; send a JSON Schema (draft 2020-12) object, for example {\"type\": \"object\"}";
        }
        if (!schema.isObject()) {
            return "must be a JSON object holding a JSON Schema (draft 2020-12)";
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isTextual() && isDraft202012(dialect.asText()))) {
            return "declares $schema " + dialect + "; only draft 2020-12 (" + DIALECT + ") is accepted";
        }
        String reference = externalReference(schema);
        if (reference != null) {
            return "refers to " + reference + ", outside the schema; the server never fetches schemas, so put the"
                    + " referenced schema under $defs and refer to it as #/$defs/NAME";
        }
        List<Error> errors = META_SCHEMA.validate(schema.toString(), InputFormat.JSON);
        if (!errors.isEmpty()) {
            return "is not a valid JSON Schema (draft 2020-12): "
                    + errors.get(0).toString();
        }
        return null;
    }

    private static boolean isDraft202012(String dialect) {
        return dialect.equals(DIALECT) || dialect.equals(DIALECT + "#");
    }

    /** Returns the first reference that leaves the document, or null when every reference starts with {@code #}. */
    private static String externalReference(JsonNode node) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                String found = externalReference(item);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (!node.isObject()) {
            return null;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (REFERENCE_KEYWORDS.contains(field.getKey()) && value.isTextual()) {
                if (!value.asText().startsWith("#")) {
                    return field.getKey() + " \"" + value.asText() + "\"";
                }
                continue;
            }
            if (DATA_KEYWORDS.contains(field.getKey())) {
                continue;
            }
            String found = externalReference(value);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
