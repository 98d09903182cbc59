package io.openloop.ledger.messages.tool;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version in Semantic Versioning 2.0.0 form, {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, ordered by the
 * specification's precedence: numeric parts compare as numbers, a pre-release sorts below its release, pre-release
 * identifiers compare one by one (numeric ones as numbers and below alphanumeric ones, alphanumeric ones in ASCII
 * order, and a shorter list below a longer one that starts the same). Build metadata is kept but ignored by the order
 * and by {@link #equals}, so {@code 1.0.0+a} and {@code 1.0.0+b} are the same version.
 */
public final class SemanticVersion implements Comparable<SemanticVersion> {

    /** The maximum length of a version, in characters. */
    public static final int MAX_LENGTH = 128;

    // The pattern published with Semantic Versioning 2.0.0, which also rejects leading zeros in numeric parts.
    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

    private final BigInteger major;
    private final BigInteger minor;
    private final BigInteger patch;
    private final List<String> preRelease;
    private final String build;
    private final String text;

    private SemanticVersion(Matcher matcher, String text) {
        this.major = new BigInteger(matcher.group(1));
        this.minor = new BigInteger(matcher.group(2));
        this.patch = new BigInteger(matcher.group(3));
        this.preRelease =
                matcher.group(4) == null ? List.of() : List.of(matcher.group(4).split("\\."));
        this.build = matcher.group(5);
        this.text = text;
    }

    /** Parses {@code text}; returns null when it is null, longer than {@value #MAX_LENGTH} or not a SemVer 2.0.0. */
    public static SemanticVersion parse(String text) {
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? new SemanticVersion(matcher, text) : null;
    }

    /** Tells whether {@code text} is a valid version. */
    public static boolean isValid(String text) {
        return parse(text) != null;
    }

    /** Returns the version without build metadata, which identifies it among a tool's versions. */
    public String key() {
        int plus = text.indexOf('+');
        return plus < 0 ? text : text.substring(0, plus);
    }

    /** Returns true when the version has pre-release identifiers, such as {@code 1.0.0-rc.1}. */
    public boolean isPreRelease() {
        return !preRelease.isEmpty();
    }

    /** Returns the build metadata without its {@code +}, or null. */
    public String build() {
        return build;
    }

    @Override
    public int compareTo(SemanticVersion other) {
        int result = major.compareTo(other.major);
        if (result == 0) {
            result = minor.compareTo(other.minor);
        }
        if (result == 0) {
            result = patch.compareTo(other.patch);
        }
        if (result != 0) {
            return result;
        }
        if (preRelease.isEmpty() || other.preRelease.isEmpty()) {
            // A release sorts above any of its pre-releases.
            return Boolean.compare(preRelease.isEmpty(), other.preRelease.isEmpty());
        }
        int shared = Math.min(preRelease.size(), other.preRelease.size());
        for (int i = 0; i < shared; i++) {
            int identifier = compareIdentifiers(preRelease.get(i), other.preRelease.get(i));
            if (identifier != 0) {
                return identifier;
            }
        }
        return Integer.compare(preRelease.size(), other.preRelease.size());
    }

    private static int compareIdentifiers(String left, String right) {
        boolean leftNumeric = isNumeric(left);
        boolean rightNumeric = isNumeric(right);
        if (leftNumeric && rightNumeric) {
            return new BigInteger(left).compareTo(new BigInteger(right));
        }
        if (leftNumeric != rightNumeric) {
            return leftNumeric ? -1 : 1;
        }
        return Integer.signum(left.compareTo(right));
    }

    private static boolean isNumeric(String identifier) {
        for (int i = 0; i < identifier.length(); i++) {
            if (!Character.isDigit(identifier.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SemanticVersion version && compareTo(version) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(major, minor, patch, preRelease);
    }

    /** Returns the version as it was written, build metadata included. */
    @Override
    public String toString() {
        return text;
    }
}
