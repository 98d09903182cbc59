package io.openloop.ledger.api.proof;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.ReadModelPolling;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.proof.FindVerifierQuery;
import io.openloop.ledger.messages.proof.RegisterVerifierCommand;
import io.openloop.ledger.messages.proof.RevokeVerifierCommand;
import io.openloop.ledger.messages.proof.VerifierView;
import java.net.URI;
import java.util.Map;
import java.util.function.Predicate;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The operator's registry of third-party verifiers, whose Ed25519 signatures raise proofs to V4. */
@RestController
class VerifierRoutes {

    private static final Logger log = LoggerFactory.getLogger(VerifierRoutes.class);

    private final Dispatcher dispatcher;
    private final ReadModelPolling polling;

    VerifierRoutes(Dispatcher dispatcher, ReadModelPolling polling) {
        this.dispatcher = dispatcher;
        this.polling = polling;
    }

    /** Registers a verifier by its name and Ed25519 public key (32 bytes, base64url without padding). */
    @OperatorOnly
    @PostMapping(
            path = "/api/admin/verifiers",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<VerifierView>> register(
            @RequestBody(required = false) VerifierRequest request, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            Requests.requireBody(request);
            String verifierId = Ids.newId(Ids.VERIFIER);
            dispatcher.send(
                    new RegisterVerifierCommand(verifierId, request.name(), request.publicKey()), caller, exchange);
            log.info("Verifier {} ({}) registered", verifierId, request.name());
            VerifierView view = await(verifierId, found -> found != null);
            return ResponseEntity.status(HttpStatus.CREATED)
                    .location(URI.create("/api/admin/verifiers/" + verifierId))
                    .body(view);
        });
    }

    /** Reads a verifier. */
    @OperatorOnly
    @GetMapping(path = "/api/admin/verifiers/{verifierId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<VerifierView> find(@PathVariable String verifierId, Caller caller) {
        return Blocking.call(() -> {
            VerifierView view = find(verifierId);
            if (view == null) {
                throw notFound(verifierId);
            }
            return view;
        });
    }

    /** Revokes a verifier: its later signatures are rejected, and the levels it raised stay. */
    @OperatorOnly
    @DeleteMapping(path = "/api/admin/verifiers/{verifierId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<VerifierView> revoke(
            @PathVariable String verifierId,
            @RequestParam(required = false) String reason,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            if (find(verifierId) == null) {
                throw notFound(verifierId);
            }
            dispatcher.send(new RevokeVerifierCommand(verifierId, reason), caller, exchange);
            log.info("Verifier {} revoked", verifierId);
            return await(verifierId, found -> found != null && found.revokedAt() != null);
        });
    }

    private VerifierView await(String verifierId, Predicate<VerifierView> ready) {
        return polling.await("verifier " + verifierId, () -> find(verifierId), ready);
    }

    private VerifierView find(String verifierId) {
        if (!Ids.isValid(verifierId, Ids.VERIFIER)) {
            return null;
        }
        return dispatcher.query(new FindVerifierQuery(verifierId), ResponseTypes.instanceOf(VerifierView.class));
    }

    private static LedgerException notFound(String verifierId) {
        return new LedgerException(
                ErrorCode.NOT_FOUND,
                "verifier " + verifierId + " not found",
                Map.of("verifierId", String.valueOf(verifierId)));
    }

    /** Body of a verifier registration. */
    record VerifierRequest(String name, String publicKey) {}
}
