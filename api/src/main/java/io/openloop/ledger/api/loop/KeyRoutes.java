package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.KeySecrets;
import io.openloop.ledger.api.security.KeyUsage;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyView;
import io.openloop.ledger.messages.loop.IssueApiKeyCommand;
import io.openloop.ledger.messages.loop.ListApiKeysQuery;
import io.openloop.ledger.messages.loop.RevokeApiKeyCommand;
import io.openloop.ledger.messages.loop.RotateApiKeyCommand;
import java.net.URI;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that issue, list, rotate and revoke a loop's keys. */
@RestController
class KeyRoutes {

    private final Dispatcher dispatcher;
    private final KeySecrets secrets;
    private final LoopAccess access;
    private final ReadModelWaits waits;
    private final KeyUsage usage;

    KeyRoutes(Dispatcher dispatcher, KeySecrets secrets, LoopAccess access, ReadModelWaits waits, KeyUsage usage) {
        this.dispatcher = dispatcher;
        this.secrets = secrets;
        this.access = access;
        this.waits = waits;
        this.usage = usage;
    }

    /**
     * Issues a scoped key and returns its secret, once. A key cannot grant scopes the calling key lacks; the operator
     * may issue keys to recover a loop whose keys are lost.
     */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/loops/{loopId}/keys",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<IssuedKey>> issue(
            @PathVariable String loopId,
            @RequestBody(required = false) IssueKeyRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        // Access is checked before the body, so a caller without access to the loop gets 404 whatever it sends.
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            Requests.requireBody(request);
            KeyMode mode = request.mode() == null ? KeyMode.LIVE : KeyMode.fromWireName(request.mode());
            if (mode == null) {
                throw Requests.invalid("mode", "mode must be \"live\" or \"test\"");
            }
            Set<Scope> scopes = Requests.scopes("scopes", request.scopes());
            if (scopes == null || scopes.isEmpty()) {
                throw Requests.invalid("scopes", "scopes is missing; list at least one scope, such as \"aap:send\"");
            }
            Set<Scope> beyondCaller = EnumSet.copyOf(scopes);
            beyondCaller.removeAll(caller.scopes());
            if (!beyondCaller.isEmpty()) {
                throw new LedgerException(
                        ErrorCode.INSUFFICIENT_SCOPE,
                        "a key cannot grant scopes it lacks: "
                                + beyondCaller.stream()
                                        .map(Scope::wireName)
                                        .sorted()
                                        .toList(),
                        Map.of("requiredScope", beyondCaller.iterator().next().wireName()));
            }
            IssuedKey.Prepared prepared = IssuedKey.prepare(secrets, request.name(), mode, scopes, request.expiresAt());

            dispatcher.send(new IssueApiKeyCommand(loopId, prepared.key()), caller, exchange);
            waits.keyIssued(prepared.key().keyId());
            IssuedKey body = prepared.issuedTo(loopId, scopes, false);
            return ResponseEntity.created(URI.create("/api/loops/" + loopId + "/keys/" + body.keyId()))
                    .body(body);
        });
    }

    /** Lists a loop's keys, revoked ones included, with when each was last used. Never shows a secret. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @GetMapping(path = "/api/loops/{loopId}/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<List<KeyListing>> list(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            List<ApiKeyView> keys =
                    dispatcher.query(new ListApiKeysQuery(loopId), ResponseTypes.multipleInstancesOf(ApiKeyView.class));
            return keys.stream()
                    .map(key -> KeyListing.of(key, usage.lastUsedAt(key.keyId()).orElse(null)))
                    .toList();
        });
    }

    /** Replaces a key with a new secret of the same scopes; the old key stops working at once. */
    @RequiresScope(value = Scope.LOOPS_MANAGE, operator = false)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(path = "/api/loops/{loopId}/keys/{keyId}/rotation", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<IssuedKey>> rotate(
            @PathVariable String loopId,
            @PathVariable String keyId,
            @RequestBody(required = false) RotateKeyRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            ApiKeyView old = findKey(loopId, keyId);
            IssuedKey.Prepared replacement = IssuedKey.prepare(
                    secrets,
                    request == null || request.name() == null ? old.name() : request.name(),
                    old.mode(),
                    old.scopes(),
                    request == null ? null : request.expiresAt());
            dispatcher.send(new RotateApiKeyCommand(loopId, keyId, replacement.key()), caller, exchange);
            waits.keyIssued(replacement.key().keyId());
            waits.keyRevoked(keyId);
            IssuedKey body = replacement.issuedTo(loopId, old.scopes(), old.owner());
            return ResponseEntity.created(URI.create("/api/loops/" + loopId + "/keys/" + body.keyId()))
                    .body(body);
        });
    }

    /** Revokes a key; the next request with it gets 401. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping(path = "/api/loops/{loopId}/keys/{keyId}")
    Mono<ResponseEntity<Void>> revoke(
            @PathVariable String loopId, @PathVariable String keyId, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            dispatcher.send(new RevokeApiKeyCommand(loopId, keyId), caller, exchange);
            waits.keyRevoked(keyId);
            return ResponseEntity.noContent().build();
        });
    }

    private ApiKeyView findKey(String loopId, String keyId) {
        List<ApiKeyView> keys =
                dispatcher.query(new ListApiKeysQuery(loopId), ResponseTypes.multipleInstancesOf(ApiKeyView.class));
        return keys.stream()
                .filter(key -> key.keyId().equals(keyId) && key.revokedAt() == null)
                .findFirst()
                .orElseThrow(() -> new LedgerException(
                        ErrorCode.NOT_FOUND, "key " + keyId + " not found on loop " + loopId, Map.of("keyId", keyId)));
    }

    /** Body of a key issue. */
    record IssueKeyRequest(String name, String mode, List<String> scopes, Instant expiresAt) {}

    /** Body of a rotation; both fields are optional. */
    record RotateKeyRequest(String name, Instant expiresAt) {}

    /** A key in a listing. */
    record KeyListing(
            String keyId,
            String name,
            KeyMode mode,
            Set<Scope> scopes,
            boolean owner,
            String prefix,
            Instant createdAt,
            Instant expiresAt,
            Instant revokedAt,
            Instant lastUsedAt) {

        static KeyListing of(ApiKeyView key, Instant lastUsedAt) {
            return new KeyListing(
                    key.keyId(),
                    key.name(),
                    key.mode(),
                    key.scopes(),
                    key.owner(),
                    key.prefix(),
                    key.createdAt(),
                    key.expiresAt(),
                    key.revokedAt(),
                    lastUsedAt);
        }
    }
}
