package io.openloop.ledger.command.proof;

import static io.openloop.ledger.command.proof.ProofErrors.invalidField;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/** Decodes raw Ed25519 keys and signatures sent as base64url and verifies signatures with the JDK's provider. */
final class Ed25519Signatures {

    static final int PUBLIC_KEY_LENGTH = 32;

    static final int SIGNATURE_LENGTH = 64;

    /** The DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32 raw key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** The y coordinates (sign bit cleared, little-endian hex) of the points of order 1, 2, 4 and 8. */
    private static final Set<String> SMALL_ORDER_Y = Set.of(
            "0100000000000000000000000000000000000000000000000000000000000000",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "0000000000000000000000000000000000000000000000000000000000000000",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");

    private Ed25519Signatures() {}

    /**
     * Decodes a raw public key from base64url without padding, or throws {@code VALIDATION_FAILED} naming {@code field}
     * when the text is not base64url, not 32 bytes or not a key the JDK accepts.
     */
    static PublicKey publicKey(String encoded, String field) {
        byte[] raw = decode(encoded, PUBLIC_KEY_LENGTH, field, "public key");
        requireStrongKey(raw, field);
        byte[] spki = new byte[X509_PREFIX.length + raw.length];
        System.arraycopy(X509_PREFIX, 0, spki, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, spki, X509_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (InvalidKeySpecException e) {
            throw invalidField(field, field + " is not an Ed25519 public key: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    /**
     * Rejects encodings that no honest key has: a y coordinate of p = 2^255 - 19 or more (not canonical), and the
     * points of small order (the identity and the points of order 2, 4 and 8, as RFC 8032 section 5.1 and the
     * libsodium blocklist list them). Under such a key, a few fixed signatures verify for any message, and the JDK's
     * verifier accepts the key.
     */
    private static void requireStrongKey(byte[] raw, String field) {
        byte[] y = raw.clone();
        y[31] &= 0x7f;
        if (!isBelowFieldPrime(y)) {
            throw invalidField(
                    field, field + " is not a canonical Ed25519 public key (its y coordinate is not below p)");
        }
        String hex = HexFormat.of().formatHex(y);
        if (SMALL_ORDER_Y.contains(hex)) {
            throw invalidField(
                    field, field + " is a point of small order, which signs nothing securely; use a real key");
        }
    }

    /** Tells whether the little-endian 255-bit number {@code y} is below p = 2^255 - 19. */
    private static boolean isBelowFieldPrime(byte[] y) {
        // p is ed ff .. ff 7f in little-endian bytes: y is at least p only when its top byte is 0x7f, the bytes 30..1
        // are 0xff, and its lowest byte is 0xed or more.
        if ((y[31] & 0xff) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if ((y[i] & 0xff) != 0xff) {
                return true;
            }
        }
        return (y[0] & 0xff) < 0xed;
    }

    /** Decodes a signature from base64url without padding, or throws {@code VALIDATION_FAILED} naming {@code field}. */
    static byte[] signature(String encoded, String field) {
        return decode(encoded, SIGNATURE_LENGTH, field, "signature");
    }

    /** Returns whether {@code signature} is a valid Ed25519 signature of {@code message} under {@code key}. */
    static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (SignatureException | InvalidKeyException e) {
            // The JDK throws instead of returning false for some malformed signatures and keys.
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime provides Ed25519", e);
        }
    }

    private static byte[] decode(String encoded, int length, String field, String description) {
        if (encoded == null || encoded.isEmpty()) {
            throw invalidField(field, field + " is missing; send " + length + " bytes in base64url without padding");
        }
        if (encoded.indexOf('=') >= 0) {
            throw invalidField(field, field + " has padding; send base64url without the trailing '='");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalidField(field, field + " is not valid base64url (A-Z, a-z, 0-9, '-' and '_')");
        }
        if (bytes.length != length) {
            throw invalidField(
                    field,
                    field + " decodes to " + bytes.length + " bytes; an Ed25519 " + description + " has " + length);
        }
        return bytes;
    }
}
