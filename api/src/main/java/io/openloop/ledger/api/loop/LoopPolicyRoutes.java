package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.policy.ApprovalRule;
import io.openloop.ledger.messages.policy.FindLoopPolicyQuery;
import io.openloop.ledger.messages.policy.LoopPolicy;
import io.openloop.ledger.messages.policy.LoopPolicyView;
import io.openloop.ledger.messages.policy.SetLoopPolicyCommand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that set and read a loop's own policy. */
@RestController
class LoopPolicyRoutes {

    private final Dispatcher dispatcher;
    private final LoopAccess access;
    private final ReadModelWaits waits;

    LoopPolicyRoutes(Dispatcher dispatcher, LoopAccess access, ReadModelWaits waits) {
        this.dispatcher = dispatcher;
        this.access = access;
        this.waits = waits;
    }

    /** Replaces the loop's policy as a whole; each change raises its policy version by one. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @PutMapping(
            path = "/api/loops/{loopId}/policy",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopPolicyView> set(
            @PathVariable String loopId,
            @RequestBody(required = false) PolicyRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        // Access is checked before the body, so a caller without access to the loop gets 404 whatever it sends.
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            LoopPolicy policy = toPolicy(Requests.requireBody(request));

            long policyVersion = dispatcher.send(new SetLoopPolicyCommand(loopId, policy), caller, exchange);
            waits.policyChanged(loopId, policyVersion);
            return dispatcher.query(new FindLoopPolicyQuery(loopId), ResponseTypes.instanceOf(LoopPolicyView.class));
        });
    }

    /** Reads the loop's own policy; version 0 with empty rules when none was set. */
    @RequiresScope(Scope.LOOPS_MANAGE)
    @GetMapping(path = "/api/loops/{loopId}/policy", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<LoopPolicyView> find(@PathVariable String loopId, Caller caller) {
        return Blocking.call(() -> {
            access.requireManaged(caller, loopId);
            return dispatcher.query(new FindLoopPolicyQuery(loopId), ResponseTypes.instanceOf(LoopPolicyView.class));
        });
    }

    private static LoopPolicy toPolicy(PolicyRequest request) {
        Map<String, String> problems = new LinkedHashMap<>();
        Set<String> domains = terms("deniedDomains", request.deniedDomains(), problems);
        Set<String> actions = terms("deniedActions", request.deniedActions(), problems);
        List<ApprovalRule> rules = new ArrayList<>();
        List<RuleRequest> requested = request.approvalRules() == null ? List.of() : request.approvalRules();
        for (int i = 0; i < requested.size(); i++) {
            RuleRequest rule = requested.get(i);
            if (rule == null) {
                problems.put("approvalRules[" + i + "]", "approvalRules[" + i + "] must be an object");
                continue;
            }
            RiskLevel risk = rule.minRiskLevel() == null ? null : RiskLevel.fromWireName(rule.minRiskLevel());
            if (rule.minRiskLevel() != null && risk == null) {
                String field = "approvalRules[" + i + "].minRiskLevel";
                problems.put(field, field + " must be \"low\", \"medium\", \"high\" or \"critical\"");
                continue;
            }
            rules.add(new ApprovalRule(rule.domain(), rule.action(), risk));
        }
        if (!problems.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "the policy has invalid fields: " + String.join("; ", problems.values()),
                    Map.of("fields", problems));
        }
        return new LoopPolicy(domains, actions, rules, request.maxCreditsPerInvocation());
    }

    private static Set<String> terms(String field, List<String> values, Map<String, String> problems) {
        if (values == null) {
            return Set.of();
        }
        if (values.contains(null)) {
            problems.put(field, field + " contains null; list names such as \"sales_revenue_ops\"");
            return Set.of();
        }
        return new LinkedHashSet<>(values);
    }

    /** Body of a policy change: the whole policy; omitted lists are empty and an omitted cap means no cap. */
    record PolicyRequest(
            List<String> deniedDomains,
            List<String> deniedActions,
            List<RuleRequest> approvalRules,
            Long maxCreditsPerInvocation) {}

    /** An approval rule as sent; a null field matches anything. */
    record RuleRequest(String domain, String action, String minRiskLevel) {}
}
