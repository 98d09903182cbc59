package io.openloop.ledger.api.web;

/**
 * Shortens values that an error message repeats back to the caller, so that a large invalid value does not make the
 * error body larger than the request.
 */
public final class EchoedValues {

    /** The maximum number of characters of a value that an error message repeats. */
    public static final int MAX_ECHOED_LENGTH = 100;

    private EchoedValues() {}

    /** Returns {@code value} unchanged up to {@link #MAX_ECHOED_LENGTH} characters, else its start and "...". */
    public static String excerpt(String value) {
        if (value == null || value.length() <= MAX_ECHOED_LENGTH) {
            return value;
        }
        int end = MAX_ECHOED_LENGTH;
        if (Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end) + "...";
    }

    /** Returns {@code value} shortened and in double quotes, or {@code null} without quotes. */
    public static String quoted(String value) {
        return value == null ? "null" : "\"" + excerpt(value) + "\"";
    }
}
