package io.openloop.ledger.api.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.tool.ToolVersionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Checks invocation inputs and outputs against the schemas of the tool version they belong to. Compiled schemas are
 * cached per tool version; a published version never changes, so the cache needs no invalidation.
 */
@Component
class ToolSchemas {

    private static final int MAX_REPORTED_ERRORS = 20;

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    private final Cache<String, Schema> compiled =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /**
     * Rejects {@code instance} with {@code VALIDATION_FAILED} unless it satisfies {@code schema}; each failing
     * location is a field named after {@code part}, such as {@code input/city}.
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
        Schema compiledSchema = compiled.get(cacheKey, key -> registry.getSchema(schema.get()));
        List<Error> errors = compiledSchema.validate(instance);
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
