package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.aap.TaskSnapshot;
import io.openloop.ledger.api.aap.TaskTimeline;
import io.openloop.ledger.api.invocation.InvocationLookup;
import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Decides who may act on and read the proofs of a task or an invocation. A task's proofs belong to its two parties;
 * an invocation's to the invoking loop and the tool's publisher. Owners of those loops and the operator may read them.
 * Anyone else gets 404, as for a subject that does not exist.
 */
@Component
class ProofSubjects {

    private final TaskTimeline tasks;
    private final InvocationLookup invocations;
    private final LoopAccess access;

    ProofSubjects(TaskTimeline tasks, InvocationLookup invocations, LoopAccess access) {
        this.tasks = tasks;
        this.invocations = invocations;
        this.access = access;
    }

    /** The parties of a subject, and the proof kinds an invocation's tool expects (empty for a task). */
    record Subject(ProofSubjectType type, String id, List<String> parties, List<String> expectedProofs, boolean live) {

        boolean isParty(String loopId) {
            return parties.contains(loopId);
        }
    }

    /** Returns the subject when {@code caller}'s own loop is one of its parties. */
    Subject requireParty(ProofSubjectType type, String subjectId, Caller caller) {
        if (type == ProofSubjectType.TASK) {
            return of(tasks.requireParty(subjectId, caller));
        }
        Subject subject = of(invocations.require(subjectId), caller);
        if (!subject.isParty(caller.loopId())) {
            throw InvocationLookup.notFound(subjectId);
        }
        return subject;
    }

    /** Returns the subject when {@code caller} may read it. */
    Subject requireVisible(ProofSubjectType type, String subjectId, Caller caller) {
        if (type == ProofSubjectType.TASK) {
            return of(tasks.requireVisible(subjectId, caller));
        }
        Subject subject = of(invocations.require(subjectId), caller);
        if (caller.isOperator() || subject.isParty(caller.loopId())) {
            return subject;
        }
        for (String party : subject.parties()) {
            try {
                access.requireVisible(caller, party);
                return subject;
            } catch (LedgerException e) {
                if (e.code() != ErrorCode.NOT_FOUND) {
                    throw e;
                }
            }
        }
        throw InvocationLookup.notFound(subjectId);
    }

    private static Subject of(TaskSnapshot task) {
        return new Subject(
                ProofSubjectType.TASK,
                task.taskId(),
                List.of(task.requesterLoopId(), task.businessLoopId()),
                List.of(),
                true);
    }

    private static Subject of(InvocationView invocation, Caller caller) {
        boolean live = invocation.executionMode().isLive();
        if (live && caller.mode() == KeyMode.TEST) {
            throw InvocationLookup.notFound(invocation.invocationId());
        }
        return new Subject(
                ProofSubjectType.INVOCATION,
                invocation.invocationId(),
                List.of(invocation.loopId(), invocation.publisherLoopId()),
                invocation.expectedProofs(),
                live);
    }
}
