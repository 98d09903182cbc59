package io.openloop.ledger.api.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.web.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.Jackson2JsonDecoder;

/**
 * Makes request bodies decode strictly. A JSON string is not read as a number or a boolean, a number or a boolean is
 * not read as a string, and a fraction such as 1.5 is not truncated into a whole-number field. Such a body fails with
 * {@code VALIDATION_FAILED} naming the field. Only the HTTP decoder changes, because Axon's serializer uses the shared
 * {@link ObjectMapper} and stored events must read back as they were written.
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfiguration {

    /** Runs after Spring Boot's own Jackson codec customizer, so that this decoder replaces the lenient one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    CodecCustomizer strictJsonDecoder(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            strict.coercionConfigFor(scalar).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] {
            CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean
        }) {
            strict.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return configurer -> configurer.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(strict));
    }
}
