package io.openloop.ledger.api.security;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Supplies a route's {@link Caller} parameter after checking the access the route declares with
 * {@link RequiresScope}, {@link OperatorOnly} or {@link AnyCaller}.
 */
class CallerArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Caller.class);
    }

    @Override
    public Mono<Object> resolveArgument(
            MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        return Mono.fromCallable(() -> authorize(parameter.getMethod(), Caller.of(exchange)));
    }

    static Caller authorize(Method route, Caller caller) {
        RequiresScope scope = route.getAnnotation(RequiresScope.class);
        if (scope != null) {
            String required = scope.value()[0].wireName();
            if (caller.isOperator() && !scope.operator()) {
                throw new LedgerException(
                        ErrorCode.INSUFFICIENT_SCOPE,
                        "the operator token acts as no loop; call this route with a key of the loop that acts",
                        Map.of("requiredScope", required));
            }
            if (Arrays.stream(scope.value()).noneMatch(caller.scopes()::contains)) {
                throw new LedgerException(
                        ErrorCode.INSUFFICIENT_SCOPE,
                        "this key lacks the scope " + required + "; issue a key with it from the loop's owner key",
                        Map.of("requiredScope", required));
            }
            return caller;
        }
        if (route.isAnnotationPresent(OperatorOnly.class)) {
            if (!caller.isOperator()) {
                throw new LedgerException(ErrorCode.NOT_FOUND, "no route matches this path");
            }
            return caller;
        }
        if (route.isAnnotationPresent(AnyCaller.class)) {
            return caller;
        }
        throw new IllegalStateException("route " + route + " declares no access rule; annotate it with"
                + " @RequiresScope, @OperatorOnly or @AnyCaller");
    }
}
