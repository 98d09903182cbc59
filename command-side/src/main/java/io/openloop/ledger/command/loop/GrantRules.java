package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.EffectivePermissions;
import io.openloop.ledger.messages.auth.Scope;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Validation of declared permissions and skills, and of their bound by a parent's effective ones. */
final class GrantRules {

    static final int MAX_SKILLS = 100;

    /** A skill: 1 to 64 characters of a-z, 0-9, '_', '-', '.' and ':', starting with a letter or digit. */
    private static final Pattern SKILL = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,63}");

    private GrantRules() {}

    /** Returns the scopes as an unmodifiable set, rejecting unknown scopes (which arrive as null elements). */
    static Set<Scope> permissions(Set<Scope> raw, String field) {
        if (raw.stream().anyMatch(Objects::isNull)) {
            throw LoopErrors.invalidField(
                    field, field + " contains an unknown scope; use scopes such as \"aap:send\" or \"tools:invoke\"");
        }
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        scopes.addAll(raw);
        return Collections.unmodifiableSet(scopes);
    }

    /** Returns the skills, sorted; a set that contains {@code "*"} becomes {@code ["*"]}, every skill. */
    static Set<String> skills(Set<String> raw, String field) {
        if (raw.size() > MAX_SKILLS) {
            throw LoopErrors.invalidField(
                    field, field + " has " + raw.size() + " entries; the maximum is " + MAX_SKILLS);
        }
        if (raw.contains(EffectivePermissions.EVERY_SKILL)) {
            return Set.of(EffectivePermissions.EVERY_SKILL);
        }
        TreeSet<String> skills = new TreeSet<>();
        for (String skill : raw) {
            if (skill == null || !SKILL.matcher(skill).matches()) {
                throw LoopErrors.invalidField(
                        field,
                        field + " contains an invalid skill " + quoted(skill) + "; use 1 to 64 characters of a-z, 0-9,"
                                + " '_', '-', '.' and ':', or \"*\" for every skill");
            }
            skills.add(skill);
        }
        return Collections.unmodifiableSet(skills);
    }

    /**
     * Rejects permissions or skills beyond {@code bound} with {@code VALIDATION_FAILED}. The message and {@code fields}
     * name each exceeding scope and skill; {@code exceedingScopes} and {@code exceedingSkills} list them.
     */
    static void requireWithin(
            EffectivePermissions bound,
            String boundLoopId,
            Set<Scope> permissions,
            Set<String> skills,
            String permissionsField,
            String skillsField) {
        Set<Scope> exceedingScopes = bound.exceedingScopes(permissions);
        Set<String> exceedingSkills = bound.exceedingSkills(skills);
        if (exceedingScopes.isEmpty() && exceedingSkills.isEmpty()) {
            return;
        }

        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        if (!exceedingScopes.isEmpty()) {
            List<String> names = exceedingScopes.stream().map(Scope::wireName).toList();
            fields.put(
                    permissionsField,
                    permissionsField + " exceed the effective permissions of loop " + boundLoopId + ": "
                            + String.join(", ", names) + "; remove them or widen " + boundLoopId + " first");
            details.put("exceedingScopes", names);
        }
        if (!exceedingSkills.isEmpty()) {
            fields.put(
                    skillsField,
                    skillsField + " exceed the effective skills of loop " + boundLoopId + ": "
                            + String.join(", ", exceedingSkills) + "; remove them or widen " + boundLoopId + " first");
            details.put("exceedingSkills", List.copyOf(exceedingSkills));
        }
        details.put("fields", fields);
        throw new LedgerException(ErrorCode.VALIDATION_FAILED, String.join("; ", fields.values()), details);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
