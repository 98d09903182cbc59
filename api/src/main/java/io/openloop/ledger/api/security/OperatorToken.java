package io.openloop.ledger.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator token: a bearer secret of at least {@value #MIN_LENGTH} characters that opens the operator routes.
 *
 * <p>It comes from {@code OPENLOOP_ADMIN_TOKEN}. When that is unset and the store is embedded, a token is generated
 * at first start and kept in {@code admin-token} in the data directory, readable only by its owner; only the file's
 * path is logged. Comparison is constant-time over SHA-256 digests, so timing does not reveal a prefix.
 */
public final class OperatorToken {

    public static final int MIN_LENGTH = 32;
    static final String FILE_NAME = "admin-token";

    private static final Logger log = LoggerFactory.getLogger(OperatorToken.class);

    private final byte[] digest;

    private OperatorToken(String token) {
        this.digest = sha256(token);
    }

    /**
     * Resolves the operator token from configuration, or from the data directory when the store is embedded.
     *
     * @throws IllegalStateException when the configured token is too short, or none is configured for an external
     *     MongoDB
     */
    public static OperatorToken resolve(String configured, Path dataDir, boolean embeddedStore) {
        if (configured != null && !configured.isBlank()) {
            if (configured.length() < MIN_LENGTH) {
                throw new IllegalStateException("OPENLOOP_ADMIN_TOKEN has " + configured.length()
                        + " characters; it needs at least " + MIN_LENGTH + ". Generate one with: openssl rand -hex 32");
            }
            log.info("Operator token taken from OPENLOOP_ADMIN_TOKEN");
            return new OperatorToken(configured);
        }
        if (!embeddedStore) {
            throw new IllegalStateException("OPENLOOP_ADMIN_TOKEN is not set. A server on an external MongoDB needs an"
                    + " operator token of at least " + MIN_LENGTH
                    + " characters; generate one with: openssl rand -hex 32");
        }
        return new OperatorToken(readOrCreate(dataDir.resolve(FILE_NAME)));
    }

    /** Tells whether {@code presented} is the operator token. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static String readOrCreate(Path file) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (token.length() < MIN_LENGTH) {
                throw new IllegalStateException("operator token file " + file + " contains fewer than " + MIN_LENGTH
                        + " characters; delete it to generate a new token");
            }
            log.info("Operator token is in {} (readable only by its owner)", file.toAbsolutePath());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or create the operator token file " + file, e);
        }
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = "olop_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
        log.info("Generated an operator token at first start");
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
