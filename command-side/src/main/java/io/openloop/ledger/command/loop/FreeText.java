package io.openloop.ledger.command.loop;

/** Validation of short free-text fields such as reasons and notes: trimmed, bounded, without control characters. */
final class FreeText {

    static final int MAX_LENGTH = 500;

    private FreeText() {}

    /** Returns the trimmed text, or null when {@code raw} is null or blank. */
    static String optional(String raw, String field) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return checked(raw.strip(), field);
    }

    /** Returns the trimmed text, or throws {@code VALIDATION_FAILED} naming {@code field} when it is missing. */
    static String required(String raw, String field, String example) {
        if (raw == null || raw.isBlank()) {
            throw LoopErrors.invalidField(field, field + " is missing; send one such as \"" + example + "\"");
        }
        return checked(raw.strip(), field);
    }

    private static String checked(String text, String field) {
        int length = text.codePointCount(0, text.length());
        if (length > MAX_LENGTH) {
            throw LoopErrors.invalidField(
                    field, field + " has " + length + " characters; the maximum is " + MAX_LENGTH);
        }
        if (text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw LoopErrors.invalidField(field, field + " contains a control character; remove it");
        }
        return text;
    }
}
