package io.openloop.ledger.api.loop;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.LoopGrant;
import io.openloop.ledger.messages.auth.Scope;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Rules for a loop that changes its own permissions with its own key: it may only narrow them, and it keeps
 * {@code loops:manage}, so a parent's narrowing cannot be undone from below and an owner cannot lock itself out.
 * Widening is for an ancestor's key or the operator.
 */
final class SelfChange {

    private SelfChange() {}

    static void requireNarrowing(LoopGrant own, Set<Scope> permissions, Set<String> skills) {
        if (!permissions.contains(Scope.LOOPS_MANAGE)) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "a loop cannot remove loops:manage from itself, because no key could manage it afterwards;"
                            + " keep loops:manage or ask an ancestor or the operator",
                    Map.of("fields", Map.of("permissions", "must keep loops:manage")));
        }
        Set<Scope> widened = EnumSet.copyOf(permissions);
        widened.removeAll(own.permissions());
        if (!widened.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.INSUFFICIENT_SCOPE,
                    "a loop can only narrow its own permissions; "
                            + widened.stream().map(Scope::wireName).sorted().toList()
                            + " must be granted by an ancestor's key or the operator",
                    Map.of("requiredScope", Scope.LOOPS_MANAGE.wireName()));
        }
        boolean ownSkillsUnbounded = own.skills().contains(EffectivePermissions.EVERY_SKILL);
        if (skills != null && !ownSkillsUnbounded && !own.skills().containsAll(skills)) {
            throw new LedgerException(
                    ErrorCode.INSUFFICIENT_SCOPE,
                    "a loop can only narrow its own skills; new skills must be granted by an ancestor's key or the"
                            + " operator",
                    Map.of("requiredScope", Scope.LOOPS_MANAGE.wireName()));
        }
    }
}
