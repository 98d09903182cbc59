package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.proof.FindLoopVerificationQuery;
import io.openloop.ledger.messages.proof.FindSubjectVerificationQuery;
import io.openloop.ledger.messages.proof.LoopVerificationView;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.proof.SubjectVerificationView;
import io.openloop.ledger.messages.trust.FindTrustScoreQuery;
import io.openloop.ledger.messages.trust.TrustScoreView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The verification read models: a task's or an invocation's proofs with the highest level they reached, a loop's
 * outcomes by level, and a loop's trust score with the components that explain it.
 */
@RestController
class VerificationRoutes {

    private final Dispatcher dispatcher;
    private final ProofSubjects subjects;
    private final LoopAccess access;

    VerificationRoutes(Dispatcher dispatcher, ProofSubjects subjects, LoopAccess access) {
        this.dispatcher = dispatcher;
        this.subjects = subjects;
        this.access = access;
    }

    /** Returns a task's proofs and the highest level they reached. */
    @RequiresScope({Scope.AAP_READ, Scope.PROOF_CREATE, Scope.AUDIT_READ})
    @GetMapping(path = "/api/tasks/{taskId}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SubjectVerificationView> task(@PathVariable String taskId, Caller caller) {
        return Blocking.call(() -> subject(ProofSubjectType.TASK, taskId, caller));
    }

    /** Returns an invocation's proofs and the highest level they reached. */
    @RequiresScope({Scope.TOOLS_INVOKE, Scope.TOOLS_PUBLISH, Scope.PROOF_CREATE, Scope.AUDIT_READ})
    @GetMapping(path = "/api/invocations/{invocationId}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<SubjectVerificationView> invocation(@PathVariable String invocationId, Caller caller) {
        return Blocking.call(() -> subject(ProofSubjectType.INVOCATION, invocationId, caller));
    }

    /** Returns how many of a loop's outcomes stand at each verification level. */
    @RequiresScope({Scope.TRUST_READ, Scope.PROOF_CREATE, Scope.AUDIT_READ})
    @GetMapping(path = "/api/loops/{loopId}/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopVerificationView> loop(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            requireExistingLoop(caller, loopId);
            return dispatcher.query(
                    new FindLoopVerificationQuery(loopId), ResponseTypes.instanceOf(LoopVerificationView.class));
        });
    }

    /**
     * Returns a loop's trust score, 0 to 100, with its components and recent history. The score alone is public on
     * the loop's profile; the components are for the loop, its owners and the operator.
     */
    @RequiresScope({Scope.TRUST_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/loops/{loopId}/trust", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TrustScoreView> trust(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            requireExistingLoop(caller, loopId);
            return dispatcher.query(new FindTrustScoreQuery(loopId), ResponseTypes.instanceOf(TrustScoreView.class));
        });
    }

    /** Checks access; the operator passes every access check, so for it the loop's existence is checked too. */
    private void requireExistingLoop(Caller caller, String loopId) {
        access.requireVisible(caller, loopId);
        if (caller.isOperator()) {
            dispatcher.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class));
        }
    }

    private SubjectVerificationView subject(ProofSubjectType type, String subjectId, Caller caller) {
        subjects.requireVisible(type, subjectId, caller);
        return dispatcher.query(
                new FindSubjectVerificationQuery(type, subjectId),
                ResponseTypes.instanceOf(SubjectVerificationView.class));
    }
}
