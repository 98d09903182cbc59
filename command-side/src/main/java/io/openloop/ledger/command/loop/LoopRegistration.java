package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.ApiKeyIssuedEvent;
import io.openloop.ledger.messages.loop.ChildLoopRegisteredEvent;
import io.openloop.ledger.messages.loop.Handle;
import io.openloop.ledger.messages.loop.LoopKind;
import io.openloop.ledger.messages.loop.LoopRegisteredEvent;
import io.openloop.ledger.messages.loop.LoopStatus;
import io.openloop.ledger.messages.loop.NewApiKey;
import io.openloop.ledger.messages.loop.Plan;
import io.openloop.ledger.messages.loop.RegisterChildLoopCommand;
import io.openloop.ledger.messages.loop.RegisterLoopCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Validates the two registration commands and builds the events they produce, before any handle is claimed. */
final class LoopRegistration {

    /** The deepest a loop may sit below its top-level loop, which bounds every ancestor lookup. */
    static final int MAX_ANCESTORS = 10;

    static final Set<String> EVERY_SKILL = Set.of(EffectivePermissions.EVERY_SKILL);

    /**
     * The events a registration applies, in order, and the directory entry to write once the events are committed.
     *
     * @param registered a {@link LoopRegisteredEvent} or a {@link ChildLoopRegisteredEvent}
     */
    record Outcome(Handle handle, Object registered, ApiKeyIssuedEvent ownerKey, LoopDirectoryEntry entry) {}

    private LoopRegistration() {}

    /**
     * Validates a developer or business loop: every permission and skill, guided mode, and a live owner key with every
     * scope.
     */
    static Outcome topLevel(RegisterLoopCommand command, Instant now) {
        if (command.kind() != LoopKind.DEVELOPER && command.kind() != LoopKind.BUSINESS) {
            throw LoopErrors.invalidField("kind", "kind must be \"developer\" or \"business\" for a top-level loop");
        }
        Handle handle = requireHandle(command.handle());
        String displayName = DisplayNames.validate(command.displayName());
        Plan plan = command.plan() == null ? Plan.FREE : command.plan();
        NewApiKey ownerKey = KeyRules.ownerKey(command.ownerKey(), Scope.all(), now);

        LoopRegisteredEvent registered = new LoopRegisteredEvent(
                command.loopId(),
                handle,
                displayName,
                command.kind(),
                plan,
                Scope.all(),
                EVERY_SKILL,
                ExecutionMode.GUIDED,
                now);
        LoopDirectoryEntry entry = new LoopDirectoryEntry(
                command.loopId(),
                null,
                List.of(),
                Scope.all(),
                EVERY_SKILL,
                LoopStatus.ACTIVE,
                command.kind(),
                plan,
                0);
        return new Outcome(
                handle, registered, KeyRules.issuedEvent(command.loopId(), ownerKey, true, null, now), entry);
    }

    /**
     * Validates an agent loop under an effectively active parent, with permissions and skills within the parent's
     * effective ones (omitted sets default to all of them), the parent's plan, and a live owner key with the child's
     * permissions.
     */
    static Outcome child(RegisterChildLoopCommand command, LoopDirectory directory, Instant now) {
        Handle handle = requireHandle(command.handle());
        String displayName = DisplayNames.validate(command.displayName());
        String parentLoopId = command.parentLoopId();
        if (parentLoopId == null || parentLoopId.isBlank()) {
            throw LoopErrors.invalidField("parentLoopId", "parentLoopId is missing; send the id of the parent loop");
        }
        Set<Scope> requestedPermissions =
                command.permissions() == null ? null : GrantRules.permissions(command.permissions(), "permissions");
        Set<String> requestedSkills = command.skills() == null ? null : GrantRules.skills(command.skills(), "skills");

        LoopLineage parent = directory
                .lineage(parentLoopId)
                .orElseThrow(() -> LoopErrors.loopNotFound("parentLoopId", parentLoopId));
        EffectivePermissions bound = parent.effective();
        if (!bound.isActive()) {
            throw LoopErrors.suspended(parentLoopId, bound.suspendedLoopId(), "register child loops");
        }
        if (parent.chain().size() >= MAX_ANCESTORS) {
            throw LoopErrors.invalidField(
                    "parentLoopId",
                    "loop " + parentLoopId + " already has " + (parent.chain().size() - 1) + " ancestors; a loop may"
                            + " have at most " + MAX_ANCESTORS + ", so register the child higher up");
        }

        Set<Scope> permissions = requestedPermissions == null ? bound.scopes() : requestedPermissions;
        Set<String> skills = requestedSkills == null ? bound.skills() : requestedSkills;
        GrantRules.requireWithin(bound, parentLoopId, permissions, skills, "permissions", "skills");
        if (permissions.isEmpty()) {
            throw LoopErrors.invalidField(
                    "permissions", "permissions is empty; a child loop needs at least one scope for its owner key");
        }
        ExecutionMode executionMode = command.executionMode() == null ? ExecutionMode.GUIDED : command.executionMode();
        NewApiKey ownerKey = KeyRules.ownerKey(command.ownerKey(), permissions, now);

        List<String> ancestors = new ArrayList<>(parent.loop().ancestors());
        ancestors.add(parentLoopId);
        Plan plan = parent.loop().plan();
        ChildLoopRegisteredEvent registered = new ChildLoopRegisteredEvent(
                command.loopId(),
                parentLoopId,
                ancestors,
                handle,
                displayName,
                plan,
                permissions,
                skills,
                executionMode,
                now);
        LoopDirectoryEntry entry = new LoopDirectoryEntry(
                command.loopId(),
                parentLoopId,
                ancestors,
                permissions,
                skills,
                LoopStatus.ACTIVE,
                LoopKind.AGENT,
                plan,
                0);
        return new Outcome(
                handle, registered, KeyRules.issuedEvent(command.loopId(), ownerKey, true, null, now), entry);
    }

    private static Handle requireHandle(Handle handle) {
        if (handle == null) {
            throw LoopErrors.invalidField("handle", "handle is missing; send one such as \"@acme_dev\"");
        }
        return handle;
    }
}
