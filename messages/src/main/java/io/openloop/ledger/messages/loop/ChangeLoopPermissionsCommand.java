package io.openloop.ledger.messages.loop;

import io.openloop.ledger.messages.auth.Scope;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a loop's declared permissions and skills. A child loop's new sets must stay within its parent's effective
 * ones. Narrowing a loop narrows all its descendants at once, because effective permissions are computed along the
 * chain each time they are used.
 */
public record ChangeLoopPermissionsCommand(
        @TargetAggregateIdentifier String loopId, Set<Scope> permissions, Set<String> skills) {}
