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
 *
 * <p>A literal too large for a double, such as {@code 1e400}, is parsed as infinity and is rejected too, because
 * JSON has no infinity and the value sent is lost.
 */
public final class ExactNumbers {

    /** 2^53: every integer up to this magnitude is exact as a double. */
    static final BigInteger MAX_EXACT_INTEGER = BigInteger.TWO.pow(53);

    private ExactNumbers() {}

    /** Rejects with {@code VALIDATION_FAILED} the first number below {@code node} that cannot be stored exactly. */
    static void check(JsonNode node, String path) {
        Problem problem = firstProblem(node, path);
        if (problem != null) {
            throw InvocationErrors.invalidField(problem.path(), problem.message());
        }
    }

    /**
     * Returns the first number below {@code node} that cannot be stored exactly, or null when there is none. Paths
     * read {@code path.field[index]}.
     */
    public static Problem firstProblem(JsonNode node, String path) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                Problem found = firstProblem(field.getValue(), path + "." + field.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Problem found = firstProblem(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isIntegralNumber()) {
            if (node.bigIntegerValue().abs().compareTo(MAX_EXACT_INTEGER) > 0) {
                return inexact(path, "is an integer beyond 2^53");
            }
        } else if (node.isFloatingPointNumber() && !Double.isFinite(node.doubleValue())) {
            return inexact(path, "is too large for a double (beyond about 1.8e308)");
        } else if (node.isBigDecimal()) {
            BigDecimal value = node.decimalValue();
            if (BigDecimal.valueOf(value.doubleValue()).compareTo(value) != 0) {
                return inexact(path, "has more digits than a double keeps");
            }
        }
        return null;
    }

    private static Problem inexact(String path, String problem) {
        return new Problem(path, path + " " + problem + ", so it cannot be stored exactly; send it as a JSON string");
    }

    /** A number that cannot be stored exactly: where it is, and a message naming it. */
    public record Problem(String path, String message) {}
}
