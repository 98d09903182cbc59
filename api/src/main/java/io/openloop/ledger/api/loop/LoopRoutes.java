package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.AnyCaller;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.KeySecrets;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ChangeLoopPermissionsCommand;
import io.openloop.ledger.messages.loop.FindLoopProfileQuery;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopProfile;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterChildLoopCommand;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import io.openloop.ledger.query.auth.LoopAuthority;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that register loops and child loops, read them, and change their permissions. */
@RestController
class LoopRoutes {

    private final Dispatcher dispatcher;
    private final KeySecrets secrets;
    private final LoopAccess access;
    private final ReadModelWaits waits;

    LoopRoutes(Dispatcher dispatcher, KeySecrets secrets, LoopAccess access, ReadModelWaits waits) {
        this.dispatcher = dispatcher;
        this.secrets = secrets;
        this.access = access;
        this.waits = waits;
    }

    /** Registers a developer or business loop and returns its owner key, once. */
    @OperatorOnly
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/developer/loops",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RegisteredLoop>> register(
            @RequestBody(required = false) RegisterLoopRequest request, Caller caller, ServerWebExchange exchange) {
        Requests.requireBody(request);
        LoopKind kind = request.kind() == null ? LoopKind.DEVELOPER : LoopKind.fromWireName(request.kind());
        if (kind == null || kind == LoopKind.AGENT) {
            throw Requests.invalid(
                    "kind", "kind must be \"developer\" or \"business\"; agent loops are created as children");
        }
        Plan plan = request.plan() == null ? Plan.FREE : Plan.fromWireName(request.plan());
        if (plan == null) {
            throw Requests.invalid("plan", "plan must be \"free\", \"pro\" or \"enterprise\"");
        }
        Handle handle = Handle.of(request.handle());
        String loopId = Ids.newId(Ids.LOOP);
        IssuedKey.Prepared ownerKey = IssuedKey.prepare(secrets, "owner", KeyMode.LIVE, Set.of(), null);
        RegisterLoopCommand command =
                new RegisterLoopCommand(loopId, handle, request.displayName(), kind, plan, ownerKey.key());

        return Blocking.call(() -> {
            dispatcher.send(command, caller, exchange);
            waits.keyIssued(ownerKey.key().keyId());
            waits.loopRegistered(loopId);
            waits.creditAccountOpened(loopId, plan.openingGrant());
            RegisteredLoop body = new RegisteredLoop(
                    loopId,
                    handle.value(),
                    command.displayName().strip(),
                    kind.wireName(),
                    plan.wireName(),
                    "active",
                    null,
                    ownerKey.issuedTo(loopId, Scope.all(), true));
            return ResponseEntity.created(URI.create("/api/loops/" + loopId)).body(body);
        });
    }

    /** Registers an agent loop under {@code parentLoopId} and returns its owner key, once. */
    @RequiresScope(value = Scope.LOOPS_MANAGE, operator = false)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/loops/{parentLoopId}/children",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RegisteredLoop>> registerChild(
            @PathVariable String parentLoopId,
            @RequestBody(required = false) RegisterChildRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        // Access is checked before the body, so a caller without access to the loop gets 404 whatever it sends.
        return Blocking.call(() -> {
            access.requireManaged(caller, parentLoopId);
            Requests.requireBody(request);
            Set<Scope> permissions = Requests.scopes("permissions", request.permissions());
            ExecutionMode mode =
                    request.executionMode() == null ? null : ExecutionMode.fromWireName(request.executionMode());
            if (request.executionMode() != null && mode == null) {
                throw Requests.invalid(
                        "executionMode", "executionMode must be \"sandbox\", \"guided\" or \"autopilot\"");
            }
            Handle handle = Handle.of(request.handle());

            String loopId = Ids.newId(Ids.LOOP);
            IssuedKey.Prepared ownerKey = IssuedKey.prepare(secrets, "owner", KeyMode.LIVE, Set.of(), null);
            RegisterChildLoopCommand command = new RegisterChildLoopCommand(
                    loopId,
                    parentLoopId,
                    handle,
                    request.displayName(),
                    permissions,
                    Requests.skills(request.skills()),
                    mode,
                    ownerKey.key());
            dispatcher.send(command, caller, exchange);
            waits.keyIssued(ownerKey.key().keyId());
            waits.loopRegistered(loopId);
            waits.creditAccountOpened(loopId, 0);
            LoopView child = awaitView(loopId);
            RegisteredLoop body = new RegisteredLoop(
                    loopId,
                    handle.value(),
                    child == null ? request.displayName() : child.displayName(),
                    LoopKind.AGENT.wireName(),
                    child == null ? null : child.plan().wireName(),
                    "active",
                    parentLoopId,
                    ownerKey.issuedTo(loopId, child == null ? permissions : child.permissions(), true));
            return ResponseEntity.created(URI.create("/api/loops/" + loopId)).body(body);
        });
    }

    /** Reads one loop: for the operator, the loop's own keys and keys of its ancestors that manage it. */
    @AnyCaller
    @GetMapping(path = "/api/loops/{loopId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> find(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            access.requireVisible(caller, loopId);
            return dispatcher.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class));
        });
    }

    /** Reads any loop's public profile by handle: kind, whether it is a verified business, and its trust score. */
    @AnyCaller
    @GetMapping(path = "/api/profiles/{handle}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopProfile> profile(@PathVariable String handle, Caller caller) {
        Handle parsed = Handle.of(handle.startsWith("@") ? handle : "@" + handle);
        return Blocking.call(
                () -> dispatcher.query(new FindLoopProfileQuery(parsed), ResponseTypes.instanceOf(LoopProfile.class)));
    }

    /** Replaces a loop's declared permissions and skills; descendants narrow with it. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @PutMapping(
            path = "/api/loops/{loopId}/permissions",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> changePermissions(
            @PathVariable String loopId,
            @RequestBody(required = false) PermissionsRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        // Access is checked before the body, so a caller without access to the loop gets 404 whatever it sends.
        return Blocking.call(() -> {
            LoopAuthority loop = access.requireManaged(caller, loopId);
            Requests.requireBody(request);
            Set<Scope> permissions = Requests.scopes("permissions", request.permissions());
            if (permissions == null || permissions.isEmpty()) {
                throw Requests.invalid("permissions", "permissions is missing or empty; send the full list of scopes");
            }
            Set<String> skills = Requests.skills(request.skills());
            if (!caller.isOperator() && loopId.equals(caller.loopId())) {
                SelfChange.requireNarrowing(loop.own(), permissions, skills);
            }
            long before = waits.loopVersion(loopId);
            dispatcher.send(new ChangeLoopPermissionsCommand(loopId, permissions, skills), caller, exchange);
            waits.loopChanged(loopId, before);
            return dispatcher.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class));
        });
    }

    private LoopView awaitView(String loopId) {
        try {
            return dispatcher.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Body of a loop registration. Unknown {@code kind} or {@code plan} values are rejected. */
    record RegisterLoopRequest(String handle, String displayName, String kind, String plan) {}

    /** Body of a child loop registration; omitted permissions or skills default to the parent's effective ones. */
    record RegisterChildRequest(
            String handle, String displayName, List<String> permissions, List<String> skills, String executionMode) {}

    /** Body of a permission change: the full new lists. */
    record PermissionsRequest(List<String> permissions, List<String> skills) {}

    /** The registration response; {@code ownerKey.secret} is shown only here. */
    record RegisteredLoop(
            String loopId,
            String handle,
            String displayName,
            String kind,
            String plan,
            String status,
            String parentLoopId,
            IssuedKey ownerKey) {}
}
