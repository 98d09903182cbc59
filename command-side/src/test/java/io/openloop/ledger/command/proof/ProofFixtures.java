package io.openloop.ledger.command.proof;

import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofAttachedEvent;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.VerificationLevel;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomMatcher;

/** Ids, times, artifacts and Ed25519 helpers shared by the proof tests. */
final class ProofFixtures {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");
    static final Instant CAPTURED = NOW.minusSeconds(60);
    static final String PROOF = "prf_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String INVOCATION = "inv_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String TASK = "task_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String SUBMITTER = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String COUNTERPARTY = "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XM";
    static final String VERIFIER = "vrf_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    static final String SHA = "ab".repeat(32);

    private ProofFixtures() {}

    static ProofArtifact evidenced() {
        return new ProofArtifact("receipt", "https://acme.example/receipts/7", null, SHA, CAPTURED);
    }

    static ProofAttachedEvent attached(ProofSubjectType subjectType, VerificationLevel level) {
        String subjectId = subjectType == ProofSubjectType.INVOCATION ? INVOCATION : TASK;
        return new ProofAttachedEvent(PROOF, subjectType, subjectId, SUBMITTER, evidenced(), level, NOW);
    }

    static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the raw 32-byte key, the last bytes of its X.509 encoding, in base64url without padding. */
    static String rawPublicKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        return base64Url(raw);
    }

    static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Expects no events and a {@link LedgerException} from {@code result}, and returns that exception. */
    static LedgerException rejection(ResultValidator<?> result) {
        AtomicReference<Object> thrown = new AtomicReference<>();
        result.expectNoEvents().expectException(new CustomMatcher<Object>("a LedgerException") {
            @Override
            public boolean matches(Object item) {
                thrown.set(item);
                return item instanceof LedgerException;
            }
        });
        return (LedgerException) thrown.get();
    }

    /** Returns the failing fields of a {@code VALIDATION_FAILED} rejection, each with its message. */
    @SuppressWarnings("unchecked")
    static Map<String, String> fields(LedgerException error) {
        return (Map<String, String>) error.details().get("fields");
    }
}
