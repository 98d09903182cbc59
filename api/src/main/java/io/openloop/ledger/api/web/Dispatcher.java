package io.openloop.ledger.api.web;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.Page;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sends commands with the caller's audit metadata and runs queries, both off the event loop. Routes call it inside
 * {@link Blocking#call}.
 */
@Component
public class Dispatcher {

    private final CommandGateway commands;
    private final QueryGateway queries;

    Dispatcher(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /** Sends {@code command} as {@code caller} and waits for its outcome; rejections surface as exceptions. */
    public <R> R send(Object command, Caller caller, ServerWebExchange exchange) {
        return commands.sendAndWait(CommandMetadata.wrap(command, caller, RequestIds.of(exchange)));
    }

    /** Runs {@code query} and waits for its result. */
    public <R> R query(Object query, ResponseType<R> responseType) {
        try {
            return queries.query(query, responseType).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for " + query.getClass().getSimpleName(), e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(query.getClass().getSimpleName() + " failed", e.getCause());
        }
    }

    /** Runs a listing query whose handler returns a {@link Page} of {@code itemType}. */
    public <T> Page<T> queryPage(Object query, Class<T> itemType) {
        return query(query, new PageResponseType<T>());
    }
}
