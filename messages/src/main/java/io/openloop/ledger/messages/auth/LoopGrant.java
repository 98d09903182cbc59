package io.openloop.ledger.messages.auth;

import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * One loop's own declared permissions, skills and status: one link of the chain from which {@link
 * EffectivePermissions} are computed.
 *
 * @param skills the declared skills; {@value EffectivePermissions#EVERY_SKILL} means every skill
 */
public record LoopGrant(String loopId, Set<Scope> permissions, Set<String> skills, LoopStatus status) {

    public LoopGrant {
        Objects.requireNonNull(loopId, "loopId");
        Objects.requireNonNull(status, "status");
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (permissions != null) {
            scopes.addAll(permissions);
        }
        permissions = Collections.unmodifiableSet(scopes);
        skills = skills == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(skills));
    }
}
