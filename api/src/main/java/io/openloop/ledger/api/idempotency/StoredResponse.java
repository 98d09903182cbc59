package io.openloop.ledger.api.idempotency;

import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The first response to an idempotent request, as replayed to later requests with the same key.
 *
 * @param location the {@code Location} header, or null
 * @param contentType the {@code Content-Type} header, or null
 */
record StoredResponse(int status, String location, String contentType, byte[] body) {

    /** Writes this status, these headers and this body to {@code response}, keeping headers it already has. */
    Mono<Void> writeTo(ServerHttpResponse response) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        HttpHeaders headers = response.getHeaders();
        if (location != null) {
            headers.set(HttpHeaders.LOCATION, location);
        }
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        if (body.length == 0) {
            return response.setComplete();
        }
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    StoredResponse withBody(byte[] newBody) {
        return new StoredResponse(status, location, contentType, newBody);
    }

    Document toDocument() {
        Document document = new Document("status", status);
        if (location != null) {
            document.append("location", location);
        }
        if (contentType != null) {
            document.append("contentType", contentType);
        }
        return document.append("body", new Binary(body));
    }

    static StoredResponse fromDocument(Document document) {
        Binary body = document.get("body", Binary.class);
        return new StoredResponse(
                document.getInteger("status"),
                document.getString("location"),
                document.getString("contentType"),
                body == null ? new byte[0] : body.getData());
    }
}
