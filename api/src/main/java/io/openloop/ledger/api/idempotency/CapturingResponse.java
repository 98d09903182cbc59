package io.openloop.ledger.api.idempotency;

import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A response that hands its status, headers and whole body to a callback before any byte reaches the client, so the
 * client sees a response only once it has been stored.
 */
final class CapturingResponse extends ServerHttpResponseDecorator {

    private final Function<StoredResponse, Mono<Void>> beforeCommit;
    private boolean captured;

    CapturingResponse(ServerHttpResponse delegate, Function<StoredResponse, Mono<Void>> beforeCommit) {
        super(delegate);
        this.beforeCommit = beforeCommit;
    }

    @Override
    public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
        return DataBufferUtils.join(body)
                .map(Buffers::toBytes)
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> capture(bytes).then(Mono.defer(() -> super.writeWith(Mono.just(wrap(bytes))))));
    }

    @Override
    public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
        return writeWith(Flux.from(body).concatMap(Flux::from));
    }

    @Override
    public Mono<Void> setComplete() {
        return captureIfNoBody().then(Mono.defer(super::setComplete));
    }

    /** Hands an empty body to the callback if the route completed without writing one. */
    Mono<Void> captureIfNoBody() {
        return Mono.defer(() -> captured ? Mono.empty() : capture(new byte[0]));
    }

    private Mono<Void> capture(byte[] body) {
        captured = true;
        HttpStatusCode status = getStatusCode();
        HttpHeaders headers = getHeaders();
        String contentType = headers.getContentType() == null
                ? null
                : headers.getContentType().toString();
        StoredResponse response = new StoredResponse(
                status == null ? 200 : status.value(), headers.getFirst(HttpHeaders.LOCATION), contentType, body);
        return beforeCommit.apply(response);
    }

    private DataBuffer wrap(byte[] bytes) {
        return bufferFactory().wrap(bytes);
    }
}
