package io.openloop.ledger.api.audit;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.query.audit.LoopStreamIndex;
import io.openloop.ledger.store.audit.AuditFinding;
import io.openloop.ledger.store.audit.AuditReport;
import io.openloop.ledger.store.audit.StoreAuditor;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The route that verifies the stored audit trail against its hashes, stream links and digest checkpoints. */
@RestController
class AuditVerifyRoute {

    private static final Logger logger = LoggerFactory.getLogger(AuditVerifyRoute.class);

    private final StoreAuditor auditor;
    private final LoopStreamIndex streams;
    private final LoopAccess access;

    AuditVerifyRoute(StoreAuditor auditor, LoopStreamIndex streams, LoopAccess access) {
        this.auditor = auditor;
        this.streams = streams;
        this.access = access;
    }

    /**
     * Verifies the global positions {@code fromPosition} to {@code toPosition}, both inclusive, and reports the first
     * event that does not match, in global order. Defaults: from position 0 up to the last position below the head of
     * the store, at most {@value StoreAuditor#MAX_RANGE} positions per call; a later call continues from
     * {@code toPosition + 1} of the response. Void positions are listed as given up, not reported as tampering.
     *
     * <p>A loop key, or the operator with {@code loopId}, verifies the streams about one loop instead: its own, or one
     * it manages. Each such stream is checked whole, from sequence number 0, so the position range does not apply.
     */
    @RequiresScope(Scope.AUDIT_READ)
    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditVerification> verify(
            @RequestParam(required = false) Long fromPosition,
            @RequestParam(required = false) Long toPosition,
            @RequestParam(required = false) String loopId,
            Caller caller) {
        if (!caller.isOperator() || loopId != null) {
            return verifyLoop(caller, loopId, fromPosition, toPosition);
        }
        long from = fromPosition == null ? 0 : fromPosition;
        if (from < 0) {
            throw Requests.invalid("fromPosition", "fromPosition must be 0 or more, got " + from);
        }
        if (toPosition != null && toPosition < from) {
            throw Requests.invalid(
                    "toPosition", "toPosition must not be below fromPosition " + from + ", got " + toPosition);
        }
        long widest = from + Math.min(StoreAuditor.MAX_RANGE - 1, Long.MAX_VALUE - from);
        if (toPosition != null && toPosition > widest) {
            throw Requests.invalid(
                    "toPosition",
                    "one call verifies at most " + StoreAuditor.MAX_RANGE + " positions, so toPosition must be at most "
                            + widest + "; verify the rest in further calls");
        }
        return Blocking.call(() -> {
            long head = auditor.headPosition();
            Long digestedThrough = auditor.digestedThrough();
            long to = toPosition != null ? toPosition : widest;
            AuditReport report = auditor.verifyRange(from, to);
            logFinding(report);
            return AuditVerification.of(report, head, digestedThrough);
        });
    }

    private Mono<AuditVerification> verifyLoop(Caller caller, String loopId, Long fromPosition, Long toPosition) {
        if (fromPosition != null || toPosition != null) {
            throw Requests.invalid(
                    fromPosition != null ? "fromPosition" : "toPosition",
                    "a loop's streams are verified whole, from their first event; leave out fromPosition and"
                            + " toPosition");
        }
        if (caller.mode() == KeyMode.TEST) {
            throw new LedgerException(
                    ErrorCode.SANDBOX_ONLY,
                    "the audit trail contains live events, so a test key cannot verify it; use a live key",
                    Map.of());
        }
        String loop = loopId != null ? loopId : caller.loopId();
        return Blocking.call(() -> {
            access.requireManaged(caller, loop);
            long head = auditor.headPosition();
            Long digestedThrough = auditor.digestedThrough();
            AuditReport report = auditor.verifyStreams(streams.streamsAbout(loop));
            logFinding(report);
            return AuditVerification.of(report, head, digestedThrough);
        });
    }

    private static void logFinding(AuditReport report) {
        AuditFinding finding = report.firstMismatch();
        if (finding != null) {
            logger.warn(
                    "Audit verification of positions [{}, {}] found {} at position {} (stream {}, sequence {}): {}",
                    report.fromPosition(),
                    report.toPosition(),
                    finding.kind(),
                    finding.position(),
                    finding.stream(),
                    finding.sequence(),
                    finding.detail());
        }
    }
}
