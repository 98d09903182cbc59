package io.openloop.ledger.projection.tool;

/**
 * Names of the collections the tool projection writes, for the query side that reads them.
 *
 * <ul>
 *   <li>{@value #TOOLS}: one document per tool, {@code _id} the tool id, unique {@code toolName}; the listing fields
 *       of its newest version and {@code versions}, the list of its versions in publishing order.
 *   <li>{@value #TOOL_VERSIONS}: one document per version, {@code _id} from {@link #versionId}, with the full
 *       manifest. The schemas are stored as JSON strings, because schema keywords such as {@code $ref} start with
 *       {@code $}, which MongoDB stores are allowed to reject in field names.
 * </ul>
 *
 * Enums are stored as their wire names and times as BSON dates.
 */
public final class ToolReadModels {

    public static final String TOOLS = "tools";
    public static final String TOOL_VERSIONS = "tool_versions";

    private ToolReadModels() {}

    /** Returns the {@code _id} of a version document from the tool id and the version without build metadata. */
    public static String versionId(String toolId, String versionKey) {
        return toolId + ":" + versionKey;
    }

    /** Returns the publisher handle of a full tool name, {@code @publisher/name}, with its {@code @}. */
    public static String publisherHandle(String toolName) {
        int slash = toolName.indexOf('/');
        return slash < 0 ? toolName : toolName.substring(0, slash);
    }
}
