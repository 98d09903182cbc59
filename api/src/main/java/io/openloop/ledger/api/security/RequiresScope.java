package io.openloop.ledger.api.security;

import io.openloop.ledger.messages.auth.Scope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares the scopes a route accepts: a key needs at least one of them. A key with none gets 403 {@code
 * INSUFFICIENT_SCOPE} naming the first.
 *
 * <p>The operator passes read routes across all loops, but acts as no loop: on a route that acts as a loop
 * ({@code operator = false}) it gets 403 {@code INSUFFICIENT_SCOPE} too. Every route carries exactly one of this,
 * {@link OperatorOnly} or {@link AnyCaller}; the check runs when the route's {@link Caller} parameter is resolved.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresScope {

    /** The scopes of which a key needs one, the usual one first. */
    Scope[] value();

    /** Whether the operator token may call the route. */
    boolean operator() default true;
}
