package io.openloop.ledger.api.invocation;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.proof.ProofRequests;
import io.openloop.ledger.api.proof.ProofRequests.ProofRequest;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.invocation.InvocationStatus;
import io.openloop.ledger.messages.invocation.InvocationView;
import io.openloop.ledger.messages.invocation.ReportInvocationResultCommand;
import io.openloop.ledger.messages.proof.AttachProofCommand;
import io.openloop.ledger.messages.proof.ProofArtifact;
import io.openloop.ledger.messages.proof.ProofCoverage;
import io.openloop.ledger.messages.proof.ProofSubjectType;
import io.openloop.ledger.messages.tool.FindToolVersionQuery;
import io.openloop.ledger.messages.tool.ToolVersionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Takes a provider's result for a pending invocation of one of its tools: checks the output and the proofs, records
 * the proofs and the outcome, and settles the hold.
 */
@RestController
class ResultRoute {

    private final Dispatcher dispatcher;
    private final ToolSchemas schemas;
    private final InvocationLookup invocations;
    private final Settlement settlement;

    ResultRoute(Dispatcher dispatcher, ToolSchemas schemas, InvocationLookup invocations, Settlement settlement) {
        this.dispatcher = dispatcher;
        this.schemas = schemas;
        this.invocations = invocations;
        this.settlement = settlement;
    }

    /**
     * Reports how an invocation ended. Success outside sandbox needs proofs of every kind the tool expects (422
     * {@code PROOF_REQUIRED} names the missing ones); it captures the charge, by default the whole estimate, and pays
     * it to the publisher. Failure releases the hold.
     */
    @RequiresScope(value = Scope.TOOLS_PUBLISH, operator = false)
    @PostMapping(
            path = "/api/invocations/{invocationId}/result",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ResultRecorded>> report(
            @PathVariable String invocationId,
            @RequestBody(required = false) ResultRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            InvocationView invocation = invocations.require(invocationId);
            if (!invocation.publisherLoopId().equals(caller.loopId())) {
                throw InvocationLookup.notFound(invocationId);
            }
            Requests.requireBody(request);
            boolean succeeded = parseStatus(request.status());
            if (invocation.status() != InvocationStatus.PENDING) {
                throw new LedgerException(
                        ErrorCode.INVALID_STATE,
                        "invocation " + invocationId + " is " + invocation.status() + "; only a PENDING invocation"
                                + " takes a result",
                        Map.of("currentState", invocation.status().name()));
            }
            boolean live = invocation.executionMode().isLive();
            long charged = parseCharge(request.credits(), invocation.estimate());

            List<ProofArtifact> artifacts = ProofRequests.parse(request.proofs());
            ProofCoverage coverage = ProofCoverage.of(invocation.expectedProofs(), artifacts);
            if (succeeded) {
                JsonNode output = request.output();
                if (output == null || output.isNull()) {
                    throw Requests.invalid("output", "output is missing; a successful result carries the output");
                }
                schemas.requireValid(
                        "output",
                        invocation.toolId(),
                        invocation.toolName(),
                        invocation.version(),
                        () -> outputSchema(invocation),
                        output);
                if (live && !coverage.isComplete()) {
                    throw new LedgerException(
                            ErrorCode.PROOF_REQUIRED,
                            "a successful result needs evidenced proofs of the kinds " + coverage.missingKinds()
                                    + ": each with a uri or data, a sha256 and a capturedAt",
                            Map.of("missing", coverage.missingKinds()));
                }
            }

            List<String> proofIds = new ArrayList<>(artifacts.size());
            for (int i = 0; i < artifacts.size(); i++) {
                String proofId = Ids.newId(Ids.PROOF);
                dispatcher.send(
                        new AttachProofCommand(
                                proofId,
                                ProofSubjectType.INVOCATION,
                                invocationId,
                                caller.loopId(),
                                artifacts.get(i),
                                coverage.levels().get(i)),
                        caller,
                        exchange);
                proofIds.add(proofId);
            }
            dispatcher.send(
                    new ReportInvocationResultCommand(
                            invocationId,
                            caller.loopId(),
                            succeeded,
                            request.output(),
                            request.error(),
                            charged,
                            proofIds),
                    caller,
                    exchange);

            InvocationStatus status = !live
                    ? InvocationStatus.SIMULATED
                    : succeeded ? InvocationStatus.SUCCEEDED : InvocationStatus.FAILED;
            ResultRecorded body = new ResultRecorded(invocationId, status, succeeded && live ? charged : 0, proofIds);
            ResponseEntity.BodyBuilder response = ResponseEntity.ok();
            if (live && invocation.held() != null && invocation.held() > 0) {
                Settlement.Outcome outcome = succeeded
                        ? settlement.capture(invocation, charged, caller, exchange)
                        : settlement.release(invocation, "the provider reported a failure", caller, exchange);
                CreditHeaders.add(response, outcome.callerAvailable(), outcome.charged());
            }
            return response.body(body);
        });
    }

    private JsonNode outputSchema(InvocationView invocation) {
        ToolVersionView tool = dispatcher.query(
                new FindToolVersionQuery(invocation.toolName(), invocation.version(), null),
                ResponseTypes.instanceOf(ToolVersionView.class));
        return tool.manifest().outputSchema();
    }

    private static boolean parseStatus(String status) {
        if ("succeeded".equals(status)) {
            return true;
        }
        if ("failed".equals(status)) {
            return false;
        }
        throw Requests.invalid("status", "status must be \"succeeded\" or \"failed\"");
    }

    private static long parseCharge(Long credits, long estimate) {
        if (credits == null) {
            return estimate;
        }
        if (credits < 0 || credits > estimate) {
            throw Requests.invalid(
                    "credits", "credits must be between 0 and the estimate of " + estimate + ", got " + credits);
        }
        return credits;
    }

    /**
     * Body of a result.
     *
     * @param status {@code succeeded} or {@code failed}
     * @param credits the charge on success, 0 up to the estimate; the estimate when absent
     */
    record ResultRequest(String status, JsonNode output, String error, Long credits, List<ProofRequest> proofs) {}

    /** The response to a result. */
    record ResultRecorded(String invocationId, InvocationStatus status, long charged, List<String> proofIds) {}
}
