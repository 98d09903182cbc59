package io.openloop.ledger.api.idempotency;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Flux;

/** A request whose body was read into memory, so the route can decode it after the filter has hashed it. */
final class CachedBodyRequest extends ServerHttpRequestDecorator {

    private final byte[] body;

    CachedBodyRequest(ServerHttpRequest delegate, byte[] body) {
        super(delegate);
        this.body = body;
    }

    @Override
    public Flux<DataBuffer> getBody() {
        if (body.length == 0) {
            return Flux.empty();
        }
        return Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body)));
    }
}
