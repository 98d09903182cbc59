package io.openloop.ledger.command.loop;

/** Validation of the human-readable names loops carry beside their handle. */
final class DisplayNames {

    private DisplayNames() {}

    /** Returns the trimmed display name, or throws {@code VALIDATION_FAILED} naming the field {@code displayName}. */
    static String validate(String raw) {
        if (raw == null || raw.isBlank()) {
            throw LoopErrors.invalidField("displayName", "displayName is missing; send a name such as \"Acme Dev\"");
        }
        String name = raw.strip();
        int length = name.codePointCount(0, name.length());
        if (length > Loop.MAX_DISPLAY_NAME_LENGTH) {
            throw LoopErrors.invalidField(
                    "displayName",
                    "displayName has " + length + " characters; the maximum is " + Loop.MAX_DISPLAY_NAME_LENGTH);
        }
        boolean hasControl = name.codePoints().anyMatch(Character::isISOControl);
        if (hasControl) {
            throw LoopErrors.invalidField("displayName", "displayName contains a control character; remove it");
        }
        return name;
    }
}
