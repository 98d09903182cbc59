package io.openloop.ledger.projection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Converts JSON values to and from the JSON text that read models store in place of subdocuments, because the
 * in-process store rejects {@code $}-prefixed field names inside a document.
 */
public final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {}

    /** Writes {@code node} as JSON text. Null and JSON {@code null} become null. */
    public static String write(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write a JSON tree as text: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses JSON text that a projection stored, and returns null for null. A read model contains invalid JSON only if
     * someone edited it, so the failure names {@code source}, the document and field it came from.
     */
    public static JsonNode read(String text, String source) {
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(source + " contains invalid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
