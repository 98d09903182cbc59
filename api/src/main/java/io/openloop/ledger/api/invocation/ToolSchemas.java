package io.openloop.ledger.api.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import io.openloop.ledger.api.tool.ToolSchemaRegistry;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.tool.ToolVersionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks invocation inputs and outputs against the schemas of the tool version they belong to. Compiled schemas are
 * cached per tool version; a published version never changes, so the cache needs no invalidation.
 */
@Component
class ToolSchemas {

    private static final Logger log = LoggerFactory.getLogger(ToolSchemas.class);

    private static final int MAX_REPORTED_ERRORS = 20;

    private final SchemaRegistry registry = ToolSchemaRegistry.create();
    private final Cache<String, Schema> compiled =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * Rejects {@code instance} with {@code VALIDATION_FAILED} unless it satisfies {@code schema}; each failing
     * location is a field named after {@code part}, such as {@code input/city}. A schema that cannot be compiled or
     * evaluated (published before the check at publish existed) is also rejected with {@code VALIDATION_FAILED}, on
     * field {@code tool}.
     */
    void requireValid(String part, ToolVersionView tool, JsonNode schema, JsonNode instance) {
        requireValid(part, tool.toolId(), tool.toolName(), tool.manifest().version(), () -> schema, instance);
    }

    /**
     * Does the same for a tool version known by id, reading its schema through {@code schema} only when the compiled
     * schema is not cached yet.
     */
    void requireValid(
            String part, String toolId, String toolName, String version, Supplier<JsonNode> schema, JsonNode instance) {
        String cacheKey = toolId + "@" + version + "#" + part;
        Schema compiledSchema = compiled.get(cacheKey, key -> compile(schema.get(), part, toolId, toolName, version));
        List<Error> errors;
        try {
            errors = compiledSchema.validate(instance);
        } catch (StackOverflowError | RuntimeException e) {
            throw unusableSchema(e, part, toolId, toolName, version);
        }
        if (errors.isEmpty()) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Error error : errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS))) {
            fields.merge(fieldName(part, error), error.getMessage(), (first, next) -> first + "; " + next);
        }
        throw new LedgerException(
                ErrorCode.VALIDATION_FAILED,
                part + " does not match the schema of " + toolName + " " + version + ": "
                        + fields.values().iterator().next(),
                Map.of("fields", fields));
    }

    private Schema compile(JsonNode schema, String part, String toolId, String toolName, String version) {
        try {
            return registry.getSchema(schema);
        } catch (StackOverflowError | RuntimeException e) {
            throw unusableSchema(e, part, toolId, toolName, version);
        }
    }

    /**
     * Logs and returns the rejection of a schema that failed to compile or evaluate. A {@link StackOverflowError}
     * that reached Reactor would be treated as fatal and the response would never complete, so it ends here too.
     */
    private static LedgerException unusableSchema(
            Throwable error, String part, String toolId, String toolName, String version) {
        log.warn(
                "The {} schema of tool {} version {} cannot be evaluated: {}",
                part,
                toolId,
                version,
                EchoedValues.excerpt(error.toString()));
        String message = "the " + part + " schema of " + toolName + " " + version
                + " cannot be evaluated; its publisher must publish a fixed version, and callers can pin that version";
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of("tool", message)));
    }

    private static String fieldName(String part, Error error) {
        String location = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        // Locations read "$" or "" for the root, "$.city", "$[0]" or "/city" below it; a missing property is named
        // by the error itself.
        if (location.startsWith("$")) {
            location = location.substring(1);
        } else if (location.startsWith("/")) {
            location = location.replace('/', '.');
        }
        String field = part + location;
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            field = field + "." + error.getProperty();
        }
        return field;
    }
}
