package io.openloop.ledger.messages.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.loop.LoopStatus;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EffectivePermissionsTest {

    private static LoopGrant active(String loopId, Set<Scope> scopes, Set<String> skills) {
        return new LoopGrant(loopId, scopes, skills, LoopStatus.ACTIVE);
    }

    @Test
    void topLevelLoopHasItsDeclaredSets() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(active("root", Scope.all(), Set.of("*"))));

        assertThat(effective.scopes()).isEqualTo(Scope.all());
        assertThat(effective.skills()).containsExactly("*");
        assertThat(effective.isActive()).isTrue();
    }

    @Test
    void scopesAreIntersectedAlongChain() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(
                active("root", Set.of(Scope.AAP_SEND, Scope.AAP_READ), Set.of("*")),
                active("mid", Set.of(Scope.AAP_SEND, Scope.TOOLS_INVOKE), Set.of("*")),
                active("leaf", Set.of(Scope.AAP_SEND, Scope.AAP_READ, Scope.TOOLS_INVOKE), Set.of("*"))));

        assertThat(effective.scopes()).containsExactly(Scope.AAP_SEND);
    }

    @Test
    void everySkillIsNeutralInIntersection() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(
                active("root", Scope.all(), Set.of("*")),
                active("mid", Scope.all(), Set.of("sales", "support")),
                active("leaf", Scope.all(), Set.of("*"))));

        assertThat(effective.skills()).containsExactly("sales", "support");
        assertThat(effective.allowsSkill("sales")).isTrue();
        assertThat(effective.allowsSkill("legal")).isFalse();
    }

    @Test
    void finiteSkillListsAreIntersected() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(
                active("root", Scope.all(), Set.of("sales", "support")), active("leaf", Scope.all(), Set.of("sales"))));

        assertThat(effective.skills()).containsExactly("sales");
    }

    @Test
    void firstSuspendedLoopFromTopIsNamed() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(
                active("root", Scope.all(), Set.of("*")),
                new LoopGrant("mid", Scope.all(), Set.of("*"), LoopStatus.SUSPENDED),
                new LoopGrant("leaf", Scope.all(), Set.of("*"), LoopStatus.SUSPENDED)));

        assertThat(effective.status()).isEqualTo(LoopStatus.SUSPENDED);
        assertThat(effective.suspendedLoopId()).isEqualTo("mid");
    }

    @Test
    void exceedingScopesAreThoseNotEffective() {
        EffectivePermissions effective =
                EffectivePermissions.of(List.of(active("root", Set.of(Scope.AAP_SEND), Set.of("*"))));

        assertThat(effective.exceedingScopes(Set.of(Scope.AAP_SEND, Scope.AUDIT_READ)))
                .containsExactly(Scope.AUDIT_READ);
        assertThat(effective.allows(Scope.AUDIT_READ)).isFalse();
    }

    @Test
    void askingEverySkillExceedsFiniteList() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(active("root", Scope.all(), Set.of("sales"))));

        assertThat(effective.exceedingSkills(Set.of("*", "sales"))).containsExactly("*");
    }

    @Test
    void nothingExceedsEverySkill() {
        EffectivePermissions effective = EffectivePermissions.of(List.of(active("root", Scope.all(), Set.of("*"))));

        assertThat(effective.exceedingSkills(Set.of("*", "anything"))).isEmpty();
    }

    @Test
    void emptyChainIsRejected() {
        assertThatThrownBy(() -> EffectivePermissions.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
