package io.openloop.ledger.command.loop;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.command.invocation.ExactNumbers;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyRule;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the shape of a business's task policy before it is set, naming every failing field at once. The API checks
 * each input schema's content with a JSON Schema validator, so these rules check only that it is a bounded object.
 */
final class TaskPolicyRules {

    /** A kind of task: 1-64 characters of {@code a-z 0-9 _}, such as {@code quote_request}. */
    static final Pattern TASK_NAME = Pattern.compile("[a-z0-9_]{1,64}");

    static final int MAX_TASKS = 100;

    /** The maximum size of one input schema, as UTF-8 JSON. */
    static final int MAX_SCHEMA_BYTES = 32 * 1024;

    private TaskPolicyRules() {}

    /** Returns {@code policy} if every field is valid, otherwise raises {@code VALIDATION_FAILED} naming each field. */
    static TaskPolicy validated(TaskPolicy policy) {
        if (policy == null) {
            throw LoopErrors.invalidField("policy", "policy is missing; send the business's full task policy");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        Integer minTrustScore = policy.minTrustScore();
        if (minTrustScore != null && (minTrustScore < 0 || minTrustScore > 100)) {
            problems.put("minTrustScore", "minTrustScore must be 0 to 100, got " + minTrustScore);
        }
        if (policy.tasks().size() > MAX_TASKS) {
            problems.put(
                    "tasks", "tasks has " + policy.tasks().size() + " entries; at most " + MAX_TASKS + " are allowed");
        } else {
            policy.tasks().forEach((name, rule) -> checkTask(name, rule, problems));
        }
        if (!problems.isEmpty()) {
            throw LoopErrors.invalidFields(problems);
        }
        return policy;
    }

    private static void checkTask(String name, TaskPolicyRule rule, Map<String, String> problems) {
        if (name == null || !TASK_NAME.matcher(name).matches()) {
            problems.put(
                    "tasks",
                    "tasks contains " + PolicyRules.quoted(name) + ", which is not 1-64 characters of a-z 0-9 _");
            return;
        }
        String field = "tasks." + name + ".inputSchema";
        JsonNode schema = rule == null ? null : rule.inputSchema();
        if (schema == null || schema.isNull()) {
            return;
        }
        if (!schema.isObject()) {
            problems.put(field, field + " must be a JSON object (a JSON Schema) or null");
            return;
        }
        int size = schema.toString().getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_SCHEMA_BYTES) {
            problems.put(field, field + " has " + size + " bytes; the maximum is " + MAX_SCHEMA_BYTES);
            return;
        }
        ExactNumbers.Problem inexact = ExactNumbers.firstProblem(schema, field);
        if (inexact != null) {
            problems.put(inexact.path(), inexact.message());
        }
    }
}
