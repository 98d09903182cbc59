package io.openloop.ledger.command.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.command.invocation.ExactNumbers;
import io.openloop.ledger.messages.Ids;
import java.util.regex.Pattern;

/** Checks of the fields a task message carries: ids, the task name, JSON data and free text. */
final class TaskRules {

    /** A kind of task: 1-64 characters of {@code a-z 0-9 _}, such as {@code quote_request}. */
    static final Pattern TASK_NAME = Pattern.compile("[a-z0-9_]{1,64}");

    /** The maximum length of an offer's or an amendment's terms, in characters. */
    static final int MAX_TERMS_LENGTH = 2000;

    /** The maximum length of a reason, progress message, question or operator note, in characters. */
    static final int MAX_TEXT_LENGTH = 1000;

    /** The maximum length of a message id, offer id or amendment id, in characters. */
    static final int MAX_ID_LENGTH = 64;

    private TaskRules() {}

    static void requireId(String id, String prefix, String field) {
        if (!Ids.isValid(id, prefix)) {
            throw TaskErrors.invalidField(field, field + " [" + id + "] is not a valid id; it starts with " + prefix);
        }
    }

    /** Checks a sender-chosen key such as a message id: present, at most {@value #MAX_ID_LENGTH} characters. */
    static void requireKey(String key, String field) {
        if (key == null || key.isBlank()) {
            throw TaskErrors.invalidField(field, field + " is missing");
        }
        if (key.length() > MAX_ID_LENGTH) {
            throw TaskErrors.invalidField(
                    field, field + " has " + key.length() + " characters; the maximum is " + MAX_ID_LENGTH);
        }
    }

    static void requireTaskName(String task) {
        if (task == null || !TASK_NAME.matcher(task).matches()) {
            throw TaskErrors.invalidField(
                    "task",
                    "task [" + task + "] is not 1-64 characters of a-z 0-9 _; send a name such as quote_request");
        }
    }

    /** Checks that {@code inputs} is a JSON object whose numbers the event store keeps exactly. */
    static void requireObject(JsonNode inputs, String field) {
        if (inputs == null || !inputs.isObject()) {
            throw TaskErrors.invalidField(field, field + " must be a JSON object");
        }
        exactNumbers(inputs, field);
    }

    /** Rejects a number below {@code data} that the event store cannot keep exactly; null passes. */
    static void exactNumbers(JsonNode data, String field) {
        ExactNumbers.Problem problem = ExactNumbers.firstProblem(data, field);
        if (problem != null) {
            throw TaskErrors.invalidField(problem.path(), problem.message());
        }
    }

    /** Returns the trimmed text, or null when {@code raw} is null or blank; longer than {@code max} is rejected. */
    static String optionalText(String raw, String field, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw TaskErrors.invalidField(field, field + " has " + length + " characters; the maximum is " + max);
        }
        return text;
    }

    /** Returns the trimmed reason, message, question or note, or null; at most {@value #MAX_TEXT_LENGTH} characters. */
    static String optionalText(String raw, String field) {
        return optionalText(raw, field, MAX_TEXT_LENGTH);
    }
}
