package io.openloop.ledger.command.loop;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.LoopGrant;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ApiKeyRevokedEvent;
import io.openloop.ledger.messages.loop.ChangeLoopPermissionsCommand;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.IssueApiKeyCommand;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopPermissionsChangedEvent;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopReinstatedEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.LoopSuspendedEvent;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterChildLoopCommand;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import io.openloop.ledger.messages.loop.ReinstateLoopCommand;
import io.openloop.ledger.messages.loop.RevokeApiKeyCommand;
import io.openloop.ledger.messages.loop.RotateApiKeyCommand;
import io.openloop.ledger.messages.loop.SuspendLoopCommand;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.LoopPolicyChangedEvent;
import io.openloop.ledger.messages.policy.SetLoopPolicyCommand;
import io.openloop.ledger.messages.task.SetTaskPolicyCommand;
import io.openloop.ledger.messages.task.TaskPolicy;
import io.openloop.ledger.messages.task.TaskPolicyChangedEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A loop: the identity that acts on the platform. Decides its handle, kind, parent, permissions, skills, status and
 * keys. Business identity verification is decided by its {@link BusinessVerification} member.
 *
 * <p>Ancestors' permissions and status come from the {@link LoopDirectory}, never from another aggregate. Fields are
 * serialized directly so that snapshots hold the whole state.
 */
@Aggregate(snapshotTriggerDefinition = "loopSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
class Loop {

    static final int MAX_DISPLAY_NAME_LENGTH = 100;

    static final Set<String> EVERY_SKILL = LoopRegistration.EVERY_SKILL;

    @AggregateIdentifier
    private String loopId;

    private Handle handle;
    private LoopKind kind;
    private Plan plan;
    private LoopStatus status;
    private String parentLoopId;
    private List<String> ancestors;
    private Set<Scope> permissions;
    private Set<String> skills;

    @AggregateMember
    private BusinessVerification business;

    private Map<String, IssuedKey> keys = new LinkedHashMap<>();

    /** The version of the policy the owner last set; 0 while none was set. */
    private long policyVersion;

    /** The version of the task policy a business last set; 0 while none was set. */
    private long taskPolicyVersion;

    Loop() {
        // Required by Axon to rebuild the aggregate from its events.
    }

    BusinessVerification business() {
        return business;
    }

    @CommandHandler
    Loop(RegisterLoopCommand command, HandleRegistry handles, LoopDirectory directory, Clock clock) {
        register(LoopRegistration.topLevel(command, clock.instant()), command.loopId(), handles, directory);
    }

    @CommandHandler
    Loop(RegisterChildLoopCommand command, HandleRegistry handles, LoopDirectory directory, Clock clock) {
        register(LoopRegistration.child(command, directory, clock.instant()), command.loopId(), handles, directory);
    }

    private static void register(
            LoopRegistration.Outcome outcome, String loopId, HandleRegistry handles, LoopDirectory directory) {
        handles.claim(outcome.handle(), loopId);
        apply(outcome.registered());
        apply(outcome.ownerKey());

        // The registration's event has sequence number 0, and the aggregate is not built yet to ask.
        DirectoryWrites.afterCommit(loopId, 0, () -> directory.record(outcome.entry()));
    }

    @CommandHandler
    void handle(ChangeLoopPermissionsCommand command, LoopDirectory directory, Clock clock) {
        if (command.permissions() == null && command.skills() == null) {
            throw LoopErrors.invalidFields(Map.of(
                    "permissions", "permissions and skills are both missing; send either or both to replace them"));
        }
        Set<Scope> newPermissions = command.permissions() == null
                ? permissions
                : GrantRules.permissions(command.permissions(), "permissions");
        Set<String> newSkills = command.skills() == null ? skills : GrantRules.skills(command.skills(), "skills");

        // Only the sets sent are checked, so a child whose parent narrowed can still change its other set.
        if (parentLoopId != null) {
            EffectivePermissions bound = EffectivePermissions.of(ancestorGrants(directory));
            Set<Scope> checkedPermissions = command.permissions() == null ? Set.of() : newPermissions;
            Set<String> checkedSkills = command.skills() == null ? Set.of() : newSkills;
            GrantRules.requireWithin(bound, parentLoopId, checkedPermissions, checkedSkills, "permissions", "skills");
        }
        if (newPermissions.equals(permissions) && newSkills.equals(skills)) {
            return;
        }

        apply(new LoopPermissionsChangedEvent(loopId, newPermissions, newSkills, clock.instant()));
        syncDirectory(directory);
    }

    @CommandHandler
    void handle(SuspendLoopCommand command, LoopDirectory directory, Clock clock) {
        if (status == LoopStatus.SUSPENDED) {
            throw LoopErrors.invalidState(
                    "loop " + loopId + " is already suspended; reinstate it before suspending it again",
                    status.wireName());
        }
        String reason = FreeText.optional(command.reason(), "reason");

        apply(new LoopSuspendedEvent(loopId, reason, clock.instant()));
        syncDirectory(directory);
    }

    @CommandHandler
    void handle(ReinstateLoopCommand command, LoopDirectory directory, Clock clock) {
        if (status == LoopStatus.ACTIVE) {
            throw LoopErrors.invalidState(
                    "loop " + loopId + " is active, so there is no suspension to lift", status.wireName());
        }

        apply(new LoopReinstatedEvent(loopId, clock.instant()));
        syncDirectory(directory);
    }

    @CommandHandler
    void handle(IssueApiKeyCommand command, LoopDirectory directory, Clock clock) {
        Instant now = clock.instant();
        NewApiKey key = KeyRules.scopedKey(command.key(), "key", now);
        requireUnusedKeyId(key.keyId(), "key.keyId");
        EffectivePermissions effective = effective(directory);
        if (!effective.isActive()) {
            throw LoopErrors.suspended(loopId, effective.suspendedLoopId(), "get new keys");
        }
        GrantRules.requireWithin(effective, loopId, key.scopes(), Set.of(), "key.scopes", "skills");

        apply(KeyRules.issuedEvent(loopId, key, false, null, now));
    }

    @CommandHandler
    void handle(RevokeApiKeyCommand command, Clock clock) {
        IssuedKey key = activeKey(command.keyId());

        apply(new ApiKeyRevokedEvent(loopId, key.keyId(), clock.instant()));
    }

    @CommandHandler
    void handle(RotateApiKeyCommand command, LoopDirectory directory, Clock clock) {
        Instant now = clock.instant();
        IssuedKey old = activeKey(command.keyId());
        NewApiKey key = KeyRules.replacement(command.replacement(), old, now);
        requireUnusedKeyId(key.keyId(), "replacement.keyId");
        EffectivePermissions effective = effective(directory);
        if (!effective.isActive()) {
            throw LoopErrors.suspended(loopId, effective.suspendedLoopId(), "rotate keys");
        }

        apply(KeyRules.issuedEvent(loopId, key, old.owner(), old.keyId(), now));
        apply(new ApiKeyRevokedEvent(loopId, old.keyId(), now));
    }

    /** Replaces the loop's policy and returns the new policy version. */
    @CommandHandler
    long handle(SetLoopPolicyCommand command, Clock clock) {
        LoopPolicy policy = PolicyRules.validated(command.policy());
        long nextVersion = policyVersion + 1;

        apply(new LoopPolicyChangedEvent(loopId, policy, nextVersion, clock.instant()));
        return nextVersion;
    }

    /** Replaces a business's task policy and returns the new task policy version. */
    @CommandHandler
    long handle(SetTaskPolicyCommand command, Clock clock) {
        if (kind != LoopKind.BUSINESS) {
            throw LoopErrors.invalidField(
                    "loopId", "loop " + loopId + " is not a business loop; only business loops set a task policy");
        }
        TaskPolicy policy = TaskPolicyRules.validated(command.policy());
        long nextVersion = taskPolicyVersion + 1;

        apply(new TaskPolicyChangedEvent(loopId, policy, nextVersion, clock.instant()));
        return nextVersion;
    }

    private void requireUnusedKeyId(String keyId, String field) {
        if (keys.containsKey(keyId)) {
            throw LoopErrors.invalidField(
                    field, field + " " + keyId + " is already used by loop " + loopId + "; generate a new key id");
        }
    }

    private IssuedKey activeKey(String keyId) {
        IssuedKey key = keyId == null ? null : keys.get(keyId);
        if (key == null || key.revoked()) {
            throw LoopErrors.keyNotFound(loopId, keyId);
        }
        return key;
    }

    /** Returns the ancestors' grants from the directory, the top-level loop first; empty for a top-level loop. */
    private List<LoopGrant> ancestorGrants(LoopDirectory directory) {
        if (parentLoopId == null) {
            return List.of();
        }
        LoopLineage parent = directory
                .lineage(parentLoopId)
                .orElseThrow(() -> new LedgerException(
                        ErrorCode.SERVICE_UNAVAILABLE,
                        "the loop directory has no entry for " + parentLoopId + ", the parent of loop " + loopId
                                + ", yet; retry shortly",
                        Map.of("loopId", loopId, "parentLoopId", parentLoopId)));
        return parent.grants();
    }

    /** This loop's effective permissions: its own state, which is authoritative, bounded by its ancestors. */
    private EffectivePermissions effective(LoopDirectory directory) {
        List<LoopGrant> chain = new ArrayList<>(ancestorGrants(directory));
        chain.add(new LoopGrant(loopId, permissions, skills, status));
        return EffectivePermissions.of(chain);
    }

    private void syncDirectory(LoopDirectory directory) {
        long version = AggregateLifecycle.getVersion();
        LoopDirectoryEntry entry = new LoopDirectoryEntry(
                loopId, parentLoopId, ancestors, permissions, skills, status, kind, plan, version);
        DirectoryWrites.afterCommit(loopId, version, () -> directory.record(entry));
    }

    @EventSourcingHandler
    void on(LoopRegisteredEvent event) {
        loopId = event.loopId();
        handle = event.handle();
        kind = event.kind();
        plan = event.plan();
        status = LoopStatus.ACTIVE;
        parentLoopId = null;
        ancestors = List.of();
        // Loops registered before permissions were recorded had every permission and skill.
        permissions = event.permissions() == null ? Scope.all() : Set.copyOf(event.permissions());
        skills = event.skills() == null ? EVERY_SKILL : Set.copyOf(event.skills());
        business = new BusinessVerification(loopId, kind);
    }

    @EventSourcingHandler
    void on(ChildLoopRegisteredEvent event) {
        loopId = event.loopId();
        handle = event.handle();
        kind = LoopKind.AGENT;
        plan = event.plan();
        status = LoopStatus.ACTIVE;
        parentLoopId = event.parentLoopId();
        ancestors = List.copyOf(event.ancestors());
        permissions = Set.copyOf(event.permissions());
        skills = Set.copyOf(event.skills());
        business = new BusinessVerification(loopId, kind);
    }

    @EventSourcingHandler
    void on(LoopPermissionsChangedEvent event) {
        permissions = Set.copyOf(event.permissions());
        skills = Set.copyOf(event.skills());
    }

    @EventSourcingHandler
    void on(LoopSuspendedEvent event) {
        status = LoopStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(LoopReinstatedEvent event) {
        status = LoopStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ApiKeyIssuedEvent event) {
        keys.put(
                event.keyId(),
                new IssuedKey(
                        event.keyId(), event.name(), event.mode(), Set.copyOf(event.scopes()), event.owner(), false));
    }

    @EventSourcingHandler
    void on(LoopPolicyChangedEvent event) {
        policyVersion = event.policyVersion();
    }

    @EventSourcingHandler
    void on(TaskPolicyChangedEvent event) {
        taskPolicyVersion = event.policyVersion();
    }

    @EventSourcingHandler
    void on(ApiKeyRevokedEvent event) {
        keys.computeIfPresent(event.keyId(), (keyId, key) -> key.revoke());
    }
}
