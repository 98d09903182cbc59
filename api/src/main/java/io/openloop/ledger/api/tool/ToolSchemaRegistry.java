package io.openloop.ledger.api.tool;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Settings under which a tool's input and output schemas are compiled: JSON Schema draft 2020-12 as the default
 * dialect, and no loading of remote resources. The check at publish and the validation at invoke share them, so a
 * schema accepted at publish compiles the same way at invoke.
 */
public final class ToolSchemaRegistry {

    private ToolSchemaRegistry() {}

    /** Creates a registry with these settings; a registry is safe to share between threads. */
    public static SchemaRegistry create() {
        return SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
    }
}
