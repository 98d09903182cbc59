package io.openloop.ledger.api.analytics;

import io.openloop.ledger.api.invocation.ModeFilter;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.analytics.FindInvocationAnalyticsQuery;
import io.openloop.ledger.messages.analytics.FindInvocationDurationsQuery;
import io.openloop.ledger.messages.analytics.FindTrustDistributionQuery;
import io.openloop.ledger.messages.analytics.FindVerificationLevelsQuery;
import io.openloop.ledger.messages.analytics.InvocationAnalyticsView;
import io.openloop.ledger.messages.analytics.InvocationDurationsView;
import io.openloop.ledger.messages.analytics.InvocationGrouping;
import io.openloop.ledger.messages.analytics.TrustDistributionView;
import io.openloop.ledger.messages.analytics.VerificationLevelsView;
import io.openloop.ledger.messages.auth.Scope;
import java.time.Clock;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Analytics over the read models, for a loop and the loops below it, or for every loop with the operator token. Each
 * route takes a period ({@code from}, {@code to}) and an optional {@code loopId}; see {@link AnalyticsPeriod} and
 * {@link AnalyticsScope}.
 *
 * <p>Besides {@code audit:read}, the invocation routes accept {@code tools:invoke} and the loop routes {@code
 * trust:read}: a key with those scopes can already list the same invocations, or read each loop's trust score and
 * verification counts, so the figures disclose nothing more to it.
 */
@RestController
class AnalyticsRoutes {

    private final Dispatcher dispatcher;
    private final AnalyticsScope scope;
    private final Clock clock;

    AnalyticsRoutes(Dispatcher dispatcher, AnalyticsScope scope, Clock clock) {
        this.dispatcher = dispatcher;
        this.scope = scope;
        this.clock = clock;
    }

    /**
     * Returns invocation counts, credits charged, success rate and approval rate of the invocations requested in the
     * period, grouped by {@code tool} (the default), {@code domain} or {@code day}, and in total. A test key counts
     * sandbox invocations only.
     */
    @RequiresScope({Scope.AUDIT_READ, Scope.TOOLS_INVOKE})
    @GetMapping(path = "/api/analytics/invocations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InvocationAnalyticsView> invocationAnalytics(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String loopId,
            @RequestParam(required = false) String groupBy,
            @RequestParam(required = false) String mode,
            Caller caller) {
        return Blocking.call(() -> {
            AnalyticsPeriod period = AnalyticsPeriod.bounded(from, to, clock);
            InvocationGrouping grouping = parseGrouping(groupBy);
            ExecutionMode visibleMode = ModeFilter.visible(caller, mode);
            List<String> loopIds = scope.loopIds(caller, loopId);
            return dispatcher.query(
                    new FindInvocationAnalyticsQuery(loopIds, period.from(), period.to(), grouping, visibleMode),
                    ResponseTypes.instanceOf(InvocationAnalyticsView.class));
        });
    }

    /**
     * Returns the 50th and 95th percentile of the time from request to result of the invocations requested in the
     * period, overall and per tool. A test key counts sandbox invocations only.
     */
    @RequiresScope({Scope.AUDIT_READ, Scope.TOOLS_INVOKE})
    @GetMapping(path = "/api/analytics/invocations/durations", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<InvocationDurationsView> invocationDurations(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String loopId,
            @RequestParam(required = false) String mode,
            Caller caller) {
        return Blocking.call(() -> {
            AnalyticsPeriod period = AnalyticsPeriod.bounded(from, to, clock);
            ExecutionMode visibleMode = ModeFilter.visible(caller, mode);
            List<String> loopIds = scope.loopIds(caller, loopId);
            return dispatcher.query(
                    new FindInvocationDurationsQuery(loopIds, period.from(), period.to(), visibleMode),
                    ResponseTypes.instanceOf(InvocationDurationsView.class));
        });
    }

    /**
     * Returns how many loops have a current trust score in each ten-point bucket, counting the loops registered in the
     * period; without {@code from}, every loop registered before {@code to}.
     */
    @RequiresScope({Scope.AUDIT_READ, Scope.TRUST_READ})
    @GetMapping(path = "/api/analytics/trust", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TrustDistributionView> trustDistribution(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String loopId,
            Caller caller) {
        return Blocking.call(() -> {
            AnalyticsPeriod period = AnalyticsPeriod.openStart(from, to, clock);
            List<String> loopIds = scope.loopIds(caller, loopId);
            return dispatcher.query(
                    new FindTrustDistributionQuery(loopIds, period.from(), period.to()),
                    ResponseTypes.instanceOf(TrustDistributionView.class));
        });
    }

    /** Returns, per loop, the proofs it attached in the period and their subjects, by verification level. */
    @RequiresScope({Scope.AUDIT_READ, Scope.TRUST_READ})
    @GetMapping(path = "/api/analytics/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<VerificationLevelsView> verificationLevels(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String loopId,
            Caller caller) {
        return Blocking.call(() -> {
            AnalyticsPeriod period = AnalyticsPeriod.bounded(from, to, clock);
            List<String> loopIds = scope.loopIds(caller, loopId);
            return dispatcher.query(
                    new FindVerificationLevelsQuery(loopIds, period.from(), period.to()),
                    ResponseTypes.instanceOf(VerificationLevelsView.class));
        });
    }

    private static InvocationGrouping parseGrouping(String groupBy) {
        if (groupBy == null) {
            return InvocationGrouping.TOOL;
        }
        InvocationGrouping grouping = InvocationGrouping.fromWireName(groupBy);
        if (grouping == null) {
            throw Requests.invalid("groupBy", "groupBy must be tool, domain or day; got " + groupBy);
        }
        return grouping;
    }
}
