package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import java.net.URI;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that register loops and read them back. */
@RestController
class LoopRoutes {

    private final CommandGateway commands;
    private final QueryGateway queries;

    LoopRoutes(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Registers a developer or business loop. Operator only. */
    @PostMapping(
            path = "/api/developer/loops",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<RegisteredLoop>> register(
            @RequestBody(required = false) RegisterLoopRequest request, ServerWebExchange exchange) {
        Caller.requireOperator(exchange);
        if (request == null) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "request body is missing; send a JSON object");
        }

        RegisterLoopCommand command = request.toCommand(Ids.newId(Ids.LOOP));
        return Blocking.call(() -> {
            commands.sendAndWait(command);
            RegisteredLoop body = RegisteredLoop.of(command);
            return ResponseEntity.created(URI.create("/api/loops/" + command.loopId()))
                    .body(body);
        });
    }

    /** Reads one loop. Operator only until loop keys exist. */
    @GetMapping(path = "/api/loops/{loopId}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopView> find(@PathVariable String loopId, ServerWebExchange exchange) {
        Caller.requireOperator(exchange);
        if (!Ids.isValid(loopId, Ids.LOOP)) {
            return Mono.error(new LedgerException(
                    ErrorCode.NOT_FOUND, "loop " + loopId + " not found", Map.of("loopId", loopId)));
        }
        return Blocking.call(() -> queries.query(new FindLoopQuery(loopId), ResponseTypes.instanceOf(LoopView.class))
                .get());
    }

    /** Body of a loop registration. Unknown {@code kind} or {@code plan} values arrive as null and are rejected. */
    record RegisterLoopRequest(String handle, String displayName, String kind, String plan) {

        RegisterLoopCommand toCommand(String loopId) {
            LoopKind loopKind = kind == null ? LoopKind.DEVELOPER : LoopKind.fromWireName(kind);
            if (loopKind == null) {
                throw invalid("kind", "kind must be \"developer\" or \"business\"");
            }
            Plan loopPlan = plan == null ? Plan.FREE : Plan.fromWireName(plan);
            if (loopPlan == null) {
                throw invalid("plan", "plan must be \"free\", \"pro\" or \"enterprise\"");
            }
            return new RegisterLoopCommand(loopId, Handle.of(handle), displayName, loopKind, loopPlan);
        }

        private static LedgerException invalid(String field, String message) {
            return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
        }
    }

    /** The registration response. */
    record RegisteredLoop(String loopId, String handle, String displayName, String kind, String plan, String status) {

        static RegisteredLoop of(RegisterLoopCommand command) {
            return new RegisteredLoop(
                    command.loopId(),
                    command.handle().value(),
                    command.displayName().strip(),
                    command.kind().wireName(),
                    command.plan().wireName(),
                    "active");
        }
    }
}
