package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.LoopPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the fields of a loop policy before it is set, naming every failing field at once. */
final class PolicyRules {

    /** Domains and actions use the vocabulary of tool categories: 1-64 characters of {@code a-z 0-9 _}. */
    static final Pattern TERM = Pattern.compile("[a-z0-9_]{1,64}");

    static final int MAX_DENIED_TERMS = 100;

    /** The maximum number of characters of an invalid value that a message repeats. */
    static final int MAX_ECHOED_LENGTH = 100;

    static final int MAX_APPROVAL_RULES = 50;

    private PolicyRules() {}

    /** Returns {@code policy} if every field is valid, otherwise raises {@code VALIDATION_FAILED} naming each field. */
    static LoopPolicy validated(LoopPolicy policy) {
        if (policy == null) {
            throw LoopErrors.invalidField("policy", "policy is missing; send the loop's full policy");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        checkTerms("deniedDomains", policy.deniedDomains(), problems);
        checkTerms("deniedActions", policy.deniedActions(), problems);
        checkRules(policy.approvalRules(), problems);
        Long cap = policy.maxCreditsPerInvocation();
        if (cap != null && (cap < 0 || cap > CreditAmounts.MAX_AMOUNT)) {
            problems.put(
                    "maxCreditsPerInvocation",
                    "maxCreditsPerInvocation must be 0 to " + CreditAmounts.MAX_AMOUNT + " credits, got " + cap);
        }
        if (!problems.isEmpty()) {
            throw LoopErrors.invalidFields(problems);
        }
        return policy;
    }

    private static void checkTerms(String field, Set<String> terms, Map<String, String> problems) {
        if (terms.size() > MAX_DENIED_TERMS) {
            problems.put(
                    field, field + " has " + terms.size() + " entries; at most " + MAX_DENIED_TERMS + " are allowed");
            return;
        }
        for (String term : terms) {
            if (term == null || !TERM.matcher(term).matches()) {
                problems.put(
                        field, field + " contains " + quoted(term) + ", which is not 1-64 characters of a-z 0-9 _");
                return;
            }
        }
    }

    private static void checkRules(List<ApprovalRule> rules, Map<String, String> problems) {
        if (rules.size() > MAX_APPROVAL_RULES) {
            problems.put(
                    "approvalRules",
                    "approvalRules has " + rules.size() + " entries; at most " + MAX_APPROVAL_RULES + " are allowed");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            ApprovalRule rule = rules.get(i);
            String field = "approvalRules[" + i + "]";
            if (rule == null) {
                problems.put(field, field + " is null; send an object with domain, action or minRiskLevel");
            } else if (rule.domain() != null && !TERM.matcher(rule.domain()).matches()) {
                problems.put(
                        field + ".domain",
                        field + ".domain " + quoted(rule.domain()) + " is not 1-64 characters of a-z 0-9 _");
            } else if (rule.action() != null && !TERM.matcher(rule.action()).matches()) {
                problems.put(
                        field + ".action",
                        field + ".action " + quoted(rule.action()) + " is not 1-64 characters of a-z 0-9 _");
            }
        }
    }

    /** Returns {@code value} in double quotes, cut to its first {@link #MAX_ECHOED_LENGTH} characters and "...". */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= MAX_ECHOED_LENGTH) {
            return "\"" + value + "\"";
        }
        return "\"" + value.substring(0, MAX_ECHOED_LENGTH) + "...\"";
    }
}
