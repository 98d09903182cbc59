package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.proof.ProofRequests.ProofRequest;
import io.openloop.ledger.api.proof.ProofSubjects.Subject;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.AttestProofCommand;
import io.openloop.ledger.messages.proof.ConfirmProofCommand;
import io.openloop.ledger.messages.proof.FindVerifierQuery;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofCoverage;
import io.openloop.ledger.messages.proof.ProofDigest;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.ProofView;
import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.proof.VerificationMethod;
import io.openloop.ledger.messages.proof.VerifierView;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Proofs on their own: attached to a task or invocation after the fact, read, confirmed by a task's other party (V3)
 * and signed by a registered verifier (V4). Levels V1, V2 and V5 are reached by the checks that run on attachment,
 * on an invocation's result and on a task's settlement.
 */
@RestController
class ProofRoutes {

    private static final Logger log = LoggerFactory.getLogger(ProofRoutes.class);

    private final Dispatcher dispatcher;
    private final ProofSubjects subjects;
    private final ProofReads proofs;

    ProofRoutes(Dispatcher dispatcher, ProofSubjects subjects, ProofReads proofs) {
        this.dispatcher = dispatcher;
        this.subjects = subjects;
        this.proofs = proofs;
    }

    /**
     * Attaches a proof to a task or invocation the caller's loop is a party of. The proof starts at V1 when it has
     * content, a hash and a time, and for an invocation a kind the tool expects. Otherwise it starts at V0.
     */
    @RequiresScope(value = Scope.PROOF_CREATE, operator = false)
    @PostMapping(
            path = "/api/proofs",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ProofAttached>> attach(
            @RequestBody(required = false) AttachRequest request, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            ProofSubjectType type = parseSubjectType(request.subjectType());
            if (request.subjectId() == null) {
                throw Requests.invalid("subjectId", "subjectId is missing; name the task or invocation");
            }
            Subject subject = subjects.requireParty(type, request.subjectId(), caller);
            ProofArtifact artifact = ProofRequests.parseOne(new ProofRequest(
                    request.kind(), request.uri(), request.data(), request.sha256(), request.capturedAt()));
            List<String> expected = type == ProofSubjectType.TASK
                    ? (artifact.isEvidenced() ? List.of(artifact.kind()) : List.of())
                    : subject.expectedProofs();
            VerificationLevel level =
                    ProofCoverage.of(expected, List.of(artifact)).levels().get(0);

            String proofId = Ids.newId(Ids.PROOF);
            dispatcher.send(
                    new AttachProofCommand(proofId, type, subject.id(), caller.loopId(), artifact, level),
                    caller,
                    exchange);
            log.info(
                    "Proof {} ({}) attached to {} {} by loop {} at {}",
                    proofId,
                    artifact.kind(),
                    type.wireName(),
                    subject.id(),
                    caller.loopId(),
                    level);
            ProofAttached body = new ProofAttached(
                    proofId, type, subject.id(), level, ProofDigest.of(proofId, type, subject.id(), artifact));
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/proofs/" + proofId))
                    .body(body);
        });
    }

    /** Returns a proof with its level, digest and the checks recorded on it, to callers that may read its subject. */
    @RequiresScope({Scope.PROOF_CREATE, Scope.AAP_READ, Scope.TOOLS_INVOKE, Scope.TOOLS_PUBLISH, Scope.AUDIT_READ})
    @GetMapping(path = "/api/proofs/{proofId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProofView> find(@PathVariable String proofId, Caller caller) {
        return Blocking.call(() -> {
            ProofView proof = proofs.require(proofId);
            requireVisible(proof, caller);
            return proof;
        });
    }

    /**
     * The task's other party confirms a proof: V3. The submitter cannot confirm its own proof, and an invocation's
     * proof has no other party to confirm it (409 {@code INVALID_STATE}).
     */
    @RequiresScope(value = Scope.PROOF_CREATE, operator = false)
    @PostMapping(path = "/api/proofs/{proofId}/confirmation", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProofView> confirm(
            @PathVariable String proofId,
            @RequestBody(required = false) ConfirmRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            ProofView proof = proofs.require(proofId);
            requireParty(proof, caller);
            String note = request == null ? null : request.note();
            dispatcher.send(new ConfirmProofCommand(proofId, caller.loopId(), note), caller, exchange);
            log.info("Proof {} confirmed by loop {}", proofId, caller.loopId());
            return proofs.await(proofId, view -> recorded(view, VerificationMethod.COUNTERPARTY_CONFIRMATION));
        });
    }

    /**
     * A registered verifier's signature over the proof's digest: V4. The signature authenticates the verifier, so any
     * key with {@code proof:create} that may read the proof, or the operator, may deliver it. A bad signature gets 400
     * {@code VALIDATION_FAILED}, a revoked or unknown verifier 404.
     */
    @RequiresScope(Scope.PROOF_CREATE)
    @PostMapping(
            path = "/api/proofs/{proofId}/attestations",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProofView> attest(
            @PathVariable String proofId,
            @RequestBody(required = false) AttestRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            if (request.verifierId() == null) {
                throw Requests.invalid("verifierId", "verifierId is missing; name the registered verifier that signed");
            }
            if (request.signature() == null) {
                throw Requests.invalid("signature", "signature is missing; send the Ed25519 signature in base64url");
            }
            // Only those who may read the proof deliver a signature for it, so the response reveals nothing new.
            requireVisible(proofs.require(proofId), caller);
            VerifierView verifier = activeVerifier(request.verifierId());
            dispatcher.send(
                    new AttestProofCommand(proofId, verifier.verifierId(), verifier.publicKey(), request.signature()),
                    caller,
                    exchange);
            log.info("Proof {} attested by verifier {}", proofId, verifier.verifierId());
            return proofs.await(proofId, view -> recorded(view, VerificationMethod.VERIFIER_SIGNATURE));
        });
    }

    private VerifierView activeVerifier(String verifierId) {
        VerifierView verifier = Ids.isValid(verifierId, Ids.VERIFIER)
                ? dispatcher.query(new FindVerifierQuery(verifierId), ResponseTypes.instanceOf(VerifierView.class))
                : null;
        if (verifier == null || verifier.revokedAt() != null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "verifier " + verifierId + " is not registered, or was revoked",
                    Map.of("verifierId", String.valueOf(verifierId)));
        }
        return verifier;
    }

    private void requireVisible(ProofView proof, Caller caller) {
        try {
            subjects.requireVisible(proof.subjectType(), proof.subjectId(), caller);
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw ProofReads.notFound(proof.proofId());
            }
            throw e;
        }
    }

    private void requireParty(ProofView proof, Caller caller) {
        try {
            subjects.requireParty(proof.subjectType(), proof.subjectId(), caller);
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw ProofReads.notFound(proof.proofId());
            }
            throw e;
        }
    }

    private static boolean recorded(ProofView view, VerificationMethod method) {
        return view.verifications().stream().anyMatch(check -> check.method() == method);
    }

    static ProofSubjectType parseSubjectType(String value) {
        ProofSubjectType type = value == null ? null : ProofSubjectType.fromWireName(value);
        if (type == null) {
            throw Requests.invalid("subjectType", "subjectType must be \"task\" or \"invocation\"");
        }
        return type;
    }

    /** Body of a proof attached on its own. */
    record AttachRequest(
            String subjectType,
            String subjectId,
            String kind,
            String uri,
            String data,
            String sha256,
            Instant capturedAt) {}

    /** Body of a confirmation: an optional note for the audit trail. */
    record ConfirmRequest(String note) {}

    /**
     * Body of an attestation.
     *
     * @param signature Ed25519 over the UTF-8 bytes of the proof's digest (64 lower-case hex digits), in base64url
     */
    record AttestRequest(String verifierId, String signature) {}

    /**
     * The response to an attached proof.
     *
     * @param digest what a verifier signs: the SHA-256 of the proof's canonical JSON, in lower-case hex
     */
    record ProofAttached(
            String proofId, ProofSubjectType subjectType, String subjectId, VerificationLevel level, String digest) {}
}
