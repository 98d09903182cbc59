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

/** Decodes raw Ed25519 keys and signatures sent as base64url and verifies signatures with the JDK's provider. */
final class Ed25519Signatures {

    static final int PUBLIC_KEY_LENGTH = 32;

    static final int SIGNATURE_LENGTH = 64;

    /** The DER header of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410), followed by the 32 raw key bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Signatures() {}

    /**
     * Decodes a raw public key from base64url without padding, or throws {@code VALIDATION_FAILED} naming {@code field}
     * when the text is not base64url, not 32 bytes or not a key the JDK accepts.
     */
    static PublicKey publicKey(String encoded, String field) {
        byte[] raw = decode(encoded, PUBLIC_KEY_LENGTH, field, "public key");
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
