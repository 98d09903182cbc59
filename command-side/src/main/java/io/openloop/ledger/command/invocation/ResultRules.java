package io.openloop.ledger.command.invocation;

/** Checks of the values an invocation's end records: the charge, the provider's error and an owner's reason. */
final class ResultRules {

    static final int MAX_TEXT_LENGTH = 1000;

    private ResultRules() {}

    /** Checks that a live success charges from 0 up to the estimate. */
    static void checkCharge(long charged, long estimate) {
        if (charged < 0 || charged > estimate) {
            throw InvocationErrors.invalidField(
                    "charged",
                    "charged is " + charged + " credits; it must be between 0 and the estimate of " + estimate);
        }
    }

    /** Returns the trimmed error of a failure, which is required. */
    static String error(String raw) {
        String text = optionalText(raw, "error");
        if (text == null) {
            throw InvocationErrors.invalidField("error", "error is missing; say why the invocation failed");
        }
        return text;
    }

    /** Returns the trimmed reason of a rejection, or null when none was given. */
    static String reason(String raw) {
        return optionalText(raw, "reason");
    }

    private static String optionalText(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.strip();
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT_LENGTH) {
            throw InvocationErrors.invalidField(
                    field, field + " has " + length + " characters; the maximum is " + MAX_TEXT_LENGTH);
        }
        return text;
    }
}
