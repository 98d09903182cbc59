package io.openloop.ledger.api.web;

import io.openloop.ledger.messages.Page;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.axonframework.messaging.responsetypes.InstanceResponseType;

/**
 * The response type of listing queries. Axon's {@code instanceOf(Page.class)} matches only handlers that declare the
 * raw {@code Page}; this one also matches handlers that declare {@code Page<SomeView>}.
 */
final class PageResponseType<T> extends InstanceResponseType<Page<T>> {

    @SuppressWarnings("unchecked")
    PageResponseType() {
        super((Class<Page<T>>) (Class<?>) Page.class);
    }

    @Override
    public boolean matches(Type responseType) {
        if (responseType instanceof ParameterizedType parameterized && parameterized.getRawType() == Page.class) {
            return true;
        }
        return super.matches(responseType);
    }
}
