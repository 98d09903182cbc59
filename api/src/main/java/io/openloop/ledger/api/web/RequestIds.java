package io.openloop.ledger.api.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.web.server.ServerWebExchange;

/** The request id every response carries, taken from the client when it sends a usable one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";

    static final String ATTRIBUTE = RequestIds.class.getName();

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    private RequestIds() {}

    /** Returns the exchange's request id, assigning one if no filter has yet. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        if (id == null) {
            id = assign(exchange);
        }
        return id;
    }

    static String assign(ServerWebExchange exchange) {
        String offered = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : "req_" + UUID.randomUUID();
        exchange.getAttributes().put(ATTRIBUTE, id);
        return id;
    }
}
