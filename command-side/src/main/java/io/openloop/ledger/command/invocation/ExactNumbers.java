package io.openloop.ledger.command.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/**
 * Rejects JSON numbers that the event store cannot keep exactly. Events are stored as RFC 8785 canonical JSON, which
 * writes every number as an IEEE-754 double, and the store refuses a payload whose numbers would change. Checking here
 * turns that refusal into {@code VALIDATION_FAILED} naming the field, before anything is applied.
 */
final class ExactNumbers {

    /** 2^53: every integer up to this magnitude is exact as a double. */
    static final BigInteger MAX_EXACT_INTEGER = BigInteger.TWO.pow(53);

    private ExactNumbers() {}

    static void check(JsonNode node, String path) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                check(field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isIntegralNumber()) {
            if (node.bigIntegerValue().abs().compareTo(MAX_EXACT_INTEGER) > 0) {
                throw inexact(path, "is an integer beyond 2^53");
            }
        } else if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (BigDecimal.valueOf(value.doubleValue()).compareTo(value) != 0) {
                throw inexact(path, "has more digits than a double keeps");
            }
        }
    }

    private static RuntimeException inexact(String path, String problem) {
        return InvocationErrors.invalidField(
                path, path + " " + problem + ", so it cannot be stored exactly; send it as a JSON string");
    }
}
