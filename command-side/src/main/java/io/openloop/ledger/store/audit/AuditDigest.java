package io.openloop.ledger.store.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The global digest: a hash chain over every stored event in global position order, beside the per-stream chains.
 *
 * <p>The digest before any event is {@link #GENESIS}. Each event at position {@code p} with stored hash {@code h}
 * moves the digest {@code d} to {@code sha256hex(d + "|" + p + "|" + h)}. Void positions (given up or aborted) are not
 * folded in, so removing, inserting, moving or swapping a whole event changes every digest from that position on,
 * while a void document only has to be present where no event is.
 */
public final class AuditDigest {

    /** The digest before the first event: 64 zeros. */
    public static final String GENESIS = "0".repeat(64);

    private AuditDigest() {}

    /** Returns the digest after folding in the event at {@code position} whose stored hash is {@code eventHash}. */
    public static String next(String previous, long position, String eventHash) {
        String input = previous + "|" + position + "|" + eventHash;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
