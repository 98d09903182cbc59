package io.openloop.ledger.messages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Generates opaque identifiers such as {@code loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK}: a type prefix, then 26 Crockford
 * base-32 characters (48 bits of milliseconds since the epoch followed by 80 random bits).
 *
 * <p>Ids of one type sort roughly by creation time, which keeps cursor pagination stable. Nothing may be inferred
 * from an id beyond its prefix.
 */
public final class Ids {

    public static final String LOOP = "loop_";
    public static final String TOOL = "tool_";
    public static final String INVOCATION = "inv_";
    public static final String TASK = "task_";
    public static final String PROOF = "prf_";
    public static final String ACCOUNT = "acct_";
    public static final String KEY = "key_";
    public static final String MESSAGE = "msg_";
    public static final String VERIFIER = "vrf_";

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {}

    /** Returns a new id with the given type prefix, for example {@code Ids.newId(Ids.LOOP)}. */
    public static String newId(String prefix) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);

        char[] text = new char[26];
        long time = System.currentTimeMillis();
        for (int i = 9; i >= 0; i--) {
            text[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }

        long high = 0;
        for (int i = 0; i < 5; i++) {
            high = (high << 8) | (random[i] & 0xff);
        }
        long low = 0;
        for (int i = 5; i < 10; i++) {
            low = (low << 8) | (random[i] & 0xff);
        }
        for (int i = 17; i >= 10; i--) {
            text[i] = ALPHABET[(int) (high & 31)];
            high >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            text[i] = ALPHABET[(int) (low & 31)];
            low >>>= 5;
        }
        return prefix + new String(text);
    }

    /**
     * Returns the id with the given type prefix that {@code seed} determines: 26 characters of the id alphabet from the
     * first 130 bits of the seed's SHA-256 digest. The same seed gives the same id on every node, so a request retried
     * under the same idempotency key names the same grant or transfer again.
     */
    public static String derivedId(String prefix, String seed) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        char[] text = new char[26];
        for (int i = 0; i < 26; i++) {
            int bit = i * 5;
            int pair = ((digest[bit / 8] & 0xff) << 8) | (digest[bit / 8 + 1] & 0xff);
            text[i] = ALPHABET[(pair >>> (11 - bit % 8)) & 31];
        }
        return prefix + new String(text);
    }

    /** Tells whether {@code id} has the given prefix followed by 26 characters of the id alphabet. */
    public static boolean isValid(String id, String prefix) {
        if (id == null || !id.startsWith(prefix) || id.length() != prefix.length() + 26) {
            return false;
        }
        for (int i = prefix.length(); i < id.length(); i++) {
            if (!isAlphabetChar(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphabetChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U');
    }
}
