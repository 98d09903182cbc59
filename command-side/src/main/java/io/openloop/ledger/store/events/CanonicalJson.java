package io.openloop.ledger.store.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Converts JSON text to its RFC 8785 (JSON Canonicalization Scheme) form and rejects text that the conversion would
 * change in value.
 *
 * <p>RFC 8785 writes every number as an IEEE-754 double, so an integer beyond 2^53 or a decimal with more than about
 * 17 significant digits would silently change. A ledger must not store a changed amount, so such text is rejected with
 * a message to serialize the value as a JSON string.
 */
final class CanonicalJson {

    private static final ObjectMapper EXACT_READER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private CanonicalJson() {}

    /**
     * Returns the canonical form of one JSON value (object, array or scalar).
     *
     * @throws IllegalArgumentException if the text is not JSON or if canonicalization would change a number
     */
    static String canonicalize(String json) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("JSON text is missing");
        }

        // The canonicalizer accepts only an object or an array at the top level, so a scalar is wrapped and unwrapped.
        String wrapped;
        try {
            wrapped = new JsonCanonicalizer("[" + json + "]").getEncodedString();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("text is not valid JSON: " + e.getMessage(), e);
        }
        String canonical = wrapped.substring(1, wrapped.length() - 1);

        JsonNode original = readExact(json);
        JsonNode converted = readExact(canonical);
        if (!sameValue(original, converted)) {
            throw new IllegalArgumentException("a number in the JSON text cannot be represented exactly as an IEEE-754"
                    + " double, which RFC 8785 canonical JSON requires; serialize such values (large integers,"
                    + " high-precision decimals, timestamps as numbers) as JSON strings");
        }
        return canonical;
    }

    private static JsonNode readExact(String json) {
        try {
            return EXACT_READER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("text is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Compares two trees, treating numbers as equal when their values are equal regardless of scale or type. */
    static boolean sameValue(JsonNode left, JsonNode right) {
        if (left.isNumber() && right.isNumber()) {
            return left.decimalValue().compareTo(right.decimalValue()) == 0;
        }
        if (left.getNodeType() != right.getNodeType() || left.size() != right.size()) {
            return false;
        }
        if (left.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = left.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode other = right.get(field.getKey());
                if (other == null || !sameValue(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (left.isArray()) {
            for (int i = 0; i < left.size(); i++) {
                if (!sameValue(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return left.equals(right);
    }
}
