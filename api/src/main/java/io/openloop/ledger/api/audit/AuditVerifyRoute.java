package io.openloop.ledger.api.audit;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.store.audit.AuditFinding;
import io.openloop.ledger.store.audit.AuditReport;
import io.openloop.ledger.store.audit.StoreAuditor;
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

    AuditVerifyRoute(StoreAuditor auditor) {
        this.auditor = auditor;
    }

    /**
     * Verifies the global positions {@code fromPosition} to {@code toPosition}, both inclusive, and reports the first
     * event that does not match, in global order. Defaults: from position 0 up to the last position below the head of
     * the store, at most {@value StoreAuditor#MAX_RANGE} positions per call; a later call continues from
     * {@code toPosition + 1} of the response. Void positions are listed as given up, not reported as tampering.
     */
    @RequiresScope(Scope.AUDIT_READ)
    @GetMapping(path = "/api/audit/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<AuditVerification> verify(
            @RequestParam(required = false) Long fromPosition,
            @RequestParam(required = false) Long toPosition,
            Caller caller) {
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
        if (!caller.isOperator()) {
            // TODO: verify the streams about the caller's loop, listed by the audit_streams index, with
            // StoreAuditor.verifyStreams; until that index exists, a loop key gets 503 SERVICE_UNAVAILABLE.
            throw new LedgerException(
                    ErrorCode.SERVICE_UNAVAILABLE,
                    "verification with a loop key is not available on this server yet; ask the operator to verify");
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
