package io.openloop.ledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.web.reactive.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes every error as JSON: {@code code}, {@code message}, {@code requestId} and the fields that help the caller.
 *
 * <p>It runs before Spring Boot's default handler, so no error reaches a client as HTML or with a stack trace.
 * Unrecognised exceptions become {@code INTERNAL_ERROR}; they are logged with the request id the client can quote.
 */
@Component
@Order(-2)
public class ApiErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final String MDC_REQUEST_ID = "requestId";

    private final ObjectMapper objectMapper;

    ApiErrorHandler(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String requestId = RequestIds.of(exchange);
        String contentType = exchange.getRequest().getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
        LedgerException translated = ErrorTranslator.translate(error, contentType);
        // The web layer runs on shared event-loop threads, so the request id goes in the MDC only for these lines.
        try (MDC.MDCCloseable ignored = MDC.putCloseable(MDC_REQUEST_ID, requestId)) {
            if (translated == null) {
                log.error(
                        "Request {} {} {} failed",
                        requestId,
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath(),
                        error);
                translated = new LedgerException(
                        ErrorCode.INTERNAL_ERROR,
                        "the server failed to handle the request; quote request id " + requestId
                                + " when reporting it");
            } else {
                log.debug("Request {} rejected with {}: {}", requestId, translated.code(), translated.getMessage());
            }
        }
        return write(exchange, translated, requestId);
    }

    /** Writes {@code error} as the response, unless the response has already started. */
    public Mono<Void> write(ServerWebExchange exchange, LedgerException error, String requestId) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        HttpStatus status = ErrorStatus.of(error.code());
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set(RequestIds.HEADER, requestId);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code().name());
        body.put("message", error.getMessage());
        body.putAll(error.details());
        body.put("requestId", requestId);
        byte[] json;
        try {
            json = objectMapper.writeValueAsBytes(body);
        } catch (Exception e) {
            log.error("Request {}: could not serialize error body for {}", requestId, error.code(), e);
            json = ("{\"code\":\"INTERNAL_ERROR\",\"requestId\":\"" + requestId + "\"}").getBytes();
        }
        DataBuffer buffer = response.bufferFactory().wrap(json);
        return response.writeWith(Mono.just(buffer));
    }
}
