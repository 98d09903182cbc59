package io.openloop.ledger.api.idempotency;

import io.openloop.ledger.api.security.KeySecrets;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts stored response bodies, which can hold a key secret shown once, so that no secret lies in the store in
 * plain text. Each record has its own AES-256-GCM key, derived from the server's key secret, the principal and the
 * raw idempotency key. The raw key is never stored, so only a retry that presents it can read the body again.
 */
@Component
class ResponseSealer {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeySecrets secrets;
    private final SecureRandom random = new SecureRandom();

    ResponseSealer(KeySecrets secrets) {
        this.secrets = secrets;
    }

    byte[] seal(byte[] body, String principalId, IdempotencyKey key) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyFor(principalId, key), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(body);
            return ByteBuffer.allocate(nonce.length + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /** Decrypts a sealed body; a body that does not open (another key secret, a changed record) fails loudly. */
    byte[] open(byte[] sealed, String principalId, IdempotencyKey key) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    keyFor(principalId, key),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stored idempotent response could not be decrypted", e);
        }
    }

    private SecretKeySpec keyFor(String principalId, IdempotencyKey key) {
        String material = "idempotency-response-v1\n" + principalId + "\n" + key.value();
        byte[] derived = secrets.derive(material.getBytes(StandardCharsets.UTF_8));
        return new SecretKeySpec(derived, "AES");
    }
}
