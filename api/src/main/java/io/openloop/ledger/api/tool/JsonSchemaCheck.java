package io.openloop.ledger.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.command.invocation.ExactNumbers;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Checks that a tool's schema is a JSON Schema of draft 2020-12: it is validated against the draft's meta-schema,
 * which json-schema-validator bundles, with remote loading turned off, and every {@code $ref} and {@code $dynamicRef}
 * must point inside the same document ({@code #...}). The server never fetches a schema from the network.
 *
 * <p>A schema that passes is then compiled as the invoke path compiles it and evaluated once against sample
 * instances. This rejects at publish a reference cycle, a reference to a missing definition and an invalid regular
 * expression, each of which would otherwise fail every invoke of the tool.
 */
public final class JsonSchemaCheck {

    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final Set<String> REFERENCE_KEYWORDS = Set.of("$ref", "$dynamicRef");

    /** Keywords whose values are data, not subschemas, so a {@code $ref} inside them is not a reference. */
    private static final Set<String> DATA_KEYWORDS = Set.of("const", "enum", "default", "examples");

    private static final Schema META_SCHEMA = ToolSchemaRegistry.create().getSchema(SchemaLocation.of(DIALECT));

    /**
     * One instance of each JSON type, so that every keyword of the schema's root is evaluated at least once.
     *
     * <p>NOTE: a bad reference under a subschema these instances never reach, such as {@code properties.a}, passes
     * here. Invoke then rejects the call with {@code VALIDATION_FAILED} on field {@code tool}. A bad pattern is caught
     * at any depth, because the validator compiles patterns when it compiles the schema.
     */
    private static final List<JsonNode> SAMPLE_INSTANCES = List.of(
            JsonNodeFactory.instance.nullNode(),
            JsonNodeFactory.instance.objectNode(),
            JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.textNode(""),
            JsonNodeFactory.instance.numberNode(0),
            JsonNodeFactory.instance.booleanNode(true));

    private static final SchemaRegistry EVALUATOR = ToolSchemaRegistry.create();

    private JsonSchemaCheck() {}

    /** Returns the first problem of {@code schema} in words, or null when it is a valid draft 2020-12 schema. */
    public static String problem(JsonNode schema) {
        if (schema == null || schema.isNull()) {
            return "is missing; send a JSON Schema (draft 2020-12) object, for example {\"type\": \"object\"}";
        }
        if (!schema.isObject()) {
            return "must be a JSON object holding a JSON Schema (draft 2020-12)";
        }
        JsonNode dialect = schema.get("$schema");
        if (dialect != null && !(dialect.isTextual() && isDraft202012(dialect.asText()))) {
            return "declares $schema " + EchoedValues.excerpt(dialect.toString()) + "; only draft 2020-12 (" + DIALECT
                    + ") is accepted";
        }
        String reference = externalReference(schema);
        if (reference != null) {
            return "refers to " + reference + ", outside the schema; the server never fetches schemas, so put the"
                    + " referenced schema under $defs and refer to it as #/$defs/NAME";
        }
        ExactNumbers.Problem number = ExactNumbers.firstProblem(schema, "");
        if (number != null) {
            return "has a number at " + EchoedValues.excerpt(number.path().substring(1))
                    + " that cannot be stored exactly; integers must be within 2^53 of zero and other numbers within"
                    + " the range of a double";
        }
        List<Error> errors = META_SCHEMA.validate(schema.toString(), InputFormat.JSON);
        if (!errors.isEmpty()) {
            return "is not a valid JSON Schema (draft 2020-12): "
                    + EchoedValues.excerpt(errors.get(0).toString());
        }
        String evaluation = evaluationProblem(schema);
        if (evaluation != null) {
            return "cannot be evaluated: " + evaluation + "; fix the schema and publish it again";
        }
        return null;
    }

    /**
     * Compiles {@code schema} and validates each sample instance against it, and returns why that failed, or null.
     * The validator resolves references lazily, so a reference cycle shows only while validating, as a
     * {@link StackOverflowError}.
     */
    private static String evaluationProblem(JsonNode schema) {
        try {
            Schema compiled = EVALUATOR.getSchema(schema);
            for (JsonNode sample : SAMPLE_INSTANCES) {
                compiled.validate(sample);
            }
            return null;
        } catch (StackOverflowError e) {
            return "a $ref refers to itself, directly or through other references, before any keyword checks the"
                    + " instance";
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof PatternSyntaxException pattern) {
                    return "has a pattern that is not a valid regular expression: "
                            + EchoedValues.excerpt(pattern.getDescription() + " in " + pattern.getPattern());
                }
            }
            return EchoedValues.excerpt(String.valueOf(e.getMessage()));
        }
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
                    return field.getKey() + " " + EchoedValues.quoted(value.asText());
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
