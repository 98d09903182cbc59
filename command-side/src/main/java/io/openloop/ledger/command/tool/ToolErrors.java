package io.openloop.ledger.command.tool;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;

/** The rejections of tool commands, each with the fields a caller needs to act on it. */
final class ToolErrors {

    /** The maximum length of a deprecation reason, in characters. */
    static final int MAX_REASON_LENGTH = 500;

    private ToolErrors() {}

    /** {@code VALIDATION_FAILED} naming one field, under {@code fields}. */
    static LedgerException invalidField(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }

    /** {@code VERSION_CONFLICT} with the tool's newest version under {@code latestVersion}. */
    static LedgerException versionConflict(String toolName, String version, String latestVersion) {
        return new LedgerException(
                ErrorCode.VERSION_CONFLICT,
                "version " + version + " of tool " + toolName + " is not greater than its latest version "
                        + latestVersion + "; publish a higher semantic version",
                Map.of("version", version, "latestVersion", latestVersion));
    }

    static LedgerException versionNotFound(String toolName, String version) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "tool " + toolName + " has no version " + version,
                Map.of("toolName", toolName, "version", String.valueOf(version)));
    }
}
