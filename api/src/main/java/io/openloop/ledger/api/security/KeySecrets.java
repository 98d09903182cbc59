package io.openloop.ledger.api.security;

import io.openloop.ledger.messages.auth.KeyMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates API key secrets and computes the keyed hash under which the server stores them.
 *
 * <p>A secret is the mode's prefix ({@code lk_live_} or {@code lk_test_}) followed by 40 base64url characters (240
 * random bits). The server keeps only HMAC-SHA-256 of the whole secret under the server's key secret, plus a visible
 * prefix of {@value #VISIBLE_CHARACTERS} random characters so owners can tell keys apart. The key secret comes from
 * {@code OPENLOOP_KEY_SECRET}, or from the file {@code key-secret} in the data directory, created at first start.
 * Every node of one deployment needs the same key secret.
 */
public final class KeySecrets {

    static final String FILE_NAME = "key-secret";
    static final int VISIBLE_CHARACTERS = 6;
    private static final int RANDOM_BYTES = 30;
    private static final int MIN_SECRET_LENGTH = 32;

    private static final Logger log = LoggerFactory.getLogger(KeySecrets.class);

    private final SecretKeySpec macKey;
    private final SecureRandom random = new SecureRandom();

    KeySecrets(byte[] keySecret) {
        this.macKey = new SecretKeySpec(keySecret, "HmacSHA256");
    }

    /** A new secret, shown once, with what the server stores of it. */
    public record GeneratedSecret(String secret, String hash, String prefix) {

        @Override
        public String toString() {
            return "GeneratedSecret[prefix=" + prefix + "]";
        }
    }

    /** Resolves the key secret from configuration or the data directory. */
    static KeySecrets resolve(String configured, Path dataDir, boolean embeddedStore) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException(
                        "OPENLOOP_KEY_SECRET has " + configured.length() + " characters; it needs at least "
                                + MIN_SECRET_LENGTH + ". Generate one with: openssl rand -hex 32");
            }
            return new KeySecrets(configured.getBytes(StandardCharsets.UTF_8));
        }
        if (!embeddedStore) {
            log.warn(
                    "OPENLOOP_KEY_SECRET is not set, so API key hashes use the key secret in {}; every server node"
                            + " of this deployment must share that file or set OPENLOOP_KEY_SECRET",
                    dataDir.toAbsolutePath());
        }
        return new KeySecrets(readOrCreate(dataDir.resolve(FILE_NAME)).getBytes(StandardCharsets.UTF_8));
    }

    /** Generates a new secret for a key of the given mode. */
    public GeneratedSecret generate(KeyMode mode) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String secret = mode.secretPrefix() + body;
        String prefix = mode.secretPrefix() + body.substring(0, VISIBLE_CHARACTERS);
        return new GeneratedSecret(secret, hash(secret), prefix);
    }

    /** Returns the hex HMAC-SHA-256 of a presented secret, as stored for the key it belongs to. */
    public String hash(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Returns HMAC-SHA-256 of {@code material} under the key secret: 32 bytes for keys the server derives. */
    public byte[] derive(byte[] material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(macKey);
            return mac.doFinal(material);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Tells whether a bearer token has the shape of a key secret, before any lookup. */
    public static boolean looksLikeKey(String token) {
        for (KeyMode mode : KeyMode.values()) {
            String prefix = mode.secretPrefix();
            if (token.startsWith(prefix) && token.length() == prefix.length() + 40) {
                return true;
            }
        }
        return false;
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                byte[] bytes = new byte[32];
                new SecureRandom().nextBytes(bytes);
                try {
                    Files.createFile(
                            file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n", StandardCharsets.US_ASCII);
                    log.info("Generated the API key secret in {} at first start", file.toAbsolutePath());
                } catch (FileAlreadyExistsException e) {
                    log.debug("Another process created {} first", file);
                }
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("key secret file " + file + " contains fewer than " + MIN_SECRET_LENGTH
                        + " characters; it must not be edited, because every stored key hash depends on it");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the key secret file " + file, e);
        }
    }
}
