package io.openloop.ledger.api.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** Gives every request an id and puts it on the response before anything else can fail. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter implements WebFilter {

    static final String CONTEXT_KEY = "requestId";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String requestId = RequestIds.assign(exchange);
        exchange.getResponse().getHeaders().set(RequestIds.HEADER, requestId);
        return chain.filter(exchange).contextWrite(context -> context.put(CONTEXT_KEY, requestId));
    }
}
