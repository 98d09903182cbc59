package io.openloop.ledger.messages.tool;

import java.util.regex.Pattern;

/** The full name of a tool, {@code @publisher/name}, and the rules for its parts. */
public final class ToolNames {

    /** The rule for a tool's own name. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9_]{3,64}");

    /** The rule for a full name: a publisher's handle, a slash, the tool's name. */
    public static final Pattern FULL_NAME = Pattern.compile("@[a-z0-9_]{3,32}/[a-z0-9_]{3,64}");

    private ToolNames() {}

    /** Joins a publisher handle (with its {@code @}) and a tool name. */
    public static String fullName(String publisherHandle, String name) {
        return publisherHandle + "/" + name;
    }
}
