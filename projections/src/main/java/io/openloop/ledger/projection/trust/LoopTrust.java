package io.openloop.ledger.projection.trust;

import io.openloop.ledger.messages.proof.VerificationLevel;
import io.openloop.ledger.messages.trust.TrustComponents;
import io.openloop.ledger.messages.trust.TrustPoint;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * One loop's trust document in memory: its outcomes, the levels of its invocations' proofs and its score history.
 *
 * <p>Each change returns false when it finds itself applied already, so a redelivered event writes nothing and adds
 * no history point. Times are truncated to milliseconds on the way in, as a BSON date stores them, so a score computed
 * from a fresh event equals one computed from stored values.
 */
// NOTE: the document keeps every outcome of the loop and is rewritten on each change, so it grows with the loop's
// history: at an estimated 120 bytes an outcome it nears MongoDB's 16 MB document limit after some 130,000 outcomes.
// Decay is
// exponential, so outcomes older than many half-lives could be folded into one running sum without changing the score.
final class LoopTrust {

    static final int MAX_HISTORY = 100;

    static final String SETTLED_TASK = "settled_task";
    static final String PAID_TASK = "paid_task";
    static final String FAILED_TASK = "failed_task";
    static final String REFUNDED_DISPUTE = "refunded_dispute";
    static final String EXPIRED_OFFER = "expired_offer";
    static final String MISSED_DEADLINE = "missed_deadline";
    static final String SUCCEEDED_INVOCATION = "succeeded_invocation";
    static final String FAILED_INVOCATION = "failed_invocation";
    static final String POLICY_DENIAL = "policy_denial";

    private final String loopId;
    private final long revision;
    private final Map<String, TrustOutcome> outcomes = new TreeMap<>();
    private final Map<String, VerificationLevel> subjectLevels = new TreeMap<>();
    private final List<TrustPoint> history = new ArrayList<>();
    private Instant asOf;

    private LoopTrust(String loopId, long revision) {
        this.loopId = loopId;
        this.revision = revision;
    }

    /** Returns the state of a loop with no document yet; its first write has revision 0. */
    static LoopTrust empty(String loopId) {
        return new LoopTrust(loopId, -1);
    }

    static LoopTrust fromDocument(Document document) {
        LoopTrust trust = new LoopTrust(document.getString("_id"), document.getLong("revision"));
        for (Document outcome : document.getList("outcomes", Document.class)) {
            trust.put(new TrustOutcome(
                    outcome.getString("kind"),
                    outcome.getString("subjectId"),
                    outcome.getString("cause"),
                    outcome.getDouble("weight"),
                    outcome.getDate("at").toInstant()));
        }
        Document levels = document.get("subjectLevels", Document.class);
        levels.forEach(
                (subjectId, level) -> trust.subjectLevels.put(subjectId, VerificationLevel.valueOf((String) level)));
        for (Document point : document.getList("history", Document.class)) {
            trust.history.add(new TrustPoint(
                    point.getInteger("score"),
                    point.getString("cause"),
                    point.getString("subjectId"),
                    point.getDate("at").toInstant()));
        }
        Date asOf = document.getDate("asOf");
        trust.asOf = asOf == null ? null : asOf.toInstant();
        return trust;
    }

    String loopId() {
        return loopId;
    }

    /** Returns the revision of the stored document this state was read from, or -1 when there is none. */
    long revision() {
        return revision;
    }

    /** Adds an outcome unless the loop has one of that kind for that subject. */
    boolean add(String kind, String subjectId, String cause, double weight, Instant at) {
        if (outcomes.containsKey(TrustOutcome.key(kind, subjectId))) {
            return false;
        }
        record(new TrustOutcome(kind, subjectId, cause, weight, millis(at)));
        return true;
    }

    /** Adds a settled task's success unless a refund already took it back. */
    boolean addSettledTask(String taskId, Instant at) {
        if (outcomes.containsKey(TrustOutcome.key(REFUNDED_DISPUTE, taskId))) {
            return false;
        }
        return add(SETTLED_TASK, taskId, cause(SETTLED_TASK, VerificationLevel.V5), 1.0, at);
    }

    /** Adds a succeeded invocation at the highest level its proofs reached so far, V0 when it has none. */
    boolean addSucceededInvocation(String invocationId, Instant at) {
        VerificationLevel level = subjectLevels.getOrDefault(invocationId, VerificationLevel.V0);
        return add(
                SUCCEEDED_INVOCATION,
                invocationId,
                cause(SUCCEEDED_INVOCATION, level),
                TrustModel.levelWeight(level),
                at);
    }

    /** Replaces a settled task's success by a refunded dispute's -2.0, once. */
    boolean refund(String taskId, Instant at) {
        if (outcomes.containsKey(TrustOutcome.key(REFUNDED_DISPUTE, taskId))) {
            return false;
        }
        outcomes.remove(TrustOutcome.key(SETTLED_TASK, taskId));
        record(new TrustOutcome(REFUNDED_DISPUTE, taskId, REFUNDED_DISPUTE, -2.0, millis(at)));
        return true;
    }

    /**
     * Records that a proof of the invocation reached {@code level}, and reweighs the invocation's success if it has
     * one. Returns false when the invocation's proofs were already at that level or higher.
     */
    boolean raiseLevel(String invocationId, VerificationLevel level, Instant at) {
        VerificationLevel current = subjectLevels.get(invocationId);
        if (current != null && current.compareTo(level) >= 0) {
            return false;
        }
        subjectLevels.put(invocationId, level);

        TrustOutcome success = outcomes.get(TrustOutcome.key(SUCCEEDED_INVOCATION, invocationId));
        if (success != null) {
            TrustOutcome reweighed = new TrustOutcome(
                    SUCCEEDED_INVOCATION,
                    invocationId,
                    cause(SUCCEEDED_INVOCATION, level),
                    TrustModel.levelWeight(level),
                    success.at());
            put(reweighed);
            advanceTo(millis(at), reweighed);
        }
        return true;
    }

    TrustComponents components() {
        return asOf == null ? TrustModel.noHistory() : TrustModel.components(outcomes.values(), asOf);
    }

    /** Returns the document to store, with the next revision and the score computed from the outcomes. */
    Document toDocument() {
        TrustComponents components = components();
        List<Document> storedOutcomes = new ArrayList<>();
        for (TrustOutcome outcome : outcomes.values()) {
            storedOutcomes.add(new Document("kind", outcome.kind())
                    .append("subjectId", outcome.subjectId())
                    .append("cause", outcome.cause())
                    .append("weight", outcome.weight())
                    .append("at", Date.from(outcome.at())));
        }
        Document levels = new Document();
        subjectLevels.forEach((subjectId, level) -> levels.append(subjectId, level.name()));
        List<Document> points = new ArrayList<>();
        for (TrustPoint point : history) {
            points.add(new Document("score", point.score())
                    .append("cause", point.cause())
                    .append("subjectId", point.subjectId())
                    .append("at", Date.from(point.at())));
        }
        return new Document("_id", loopId)
                .append("revision", revision + 1)
                .append("score", TrustModel.score(components))
                .append("components", components(components))
                .append("halfLifeDays", TrustModel.HALF_LIFE_DAYS)
                .append("asOf", asOf == null ? null : Date.from(asOf))
                .append("history", points)
                .append("outcomes", storedOutcomes)
                .append("subjectLevels", levels);
    }

    private static Document components(TrustComponents components) {
        Document contributions = new Document();
        components.contributions().forEach(contributions::append);
        return new Document("alpha", components.alpha())
                .append("beta", components.beta())
                .append("positive", components.positive())
                .append("negative", components.negative())
                .append("contributions", contributions)
                .append("outcomes", components.outcomes());
    }

    private void record(TrustOutcome outcome) {
        put(outcome);
        advanceTo(outcome.at(), outcome);
    }

    /** Moves the score's time to {@code at} unless it is later already, and adds a history point for the change. */
    private void advanceTo(Instant at, TrustOutcome cause) {
        if (asOf == null || at.isAfter(asOf)) {
            asOf = at;
        }
        history.add(new TrustPoint(TrustModel.score(components()), cause.cause(), cause.subjectId(), at));
        if (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }

    private void put(TrustOutcome outcome) {
        outcomes.put(outcome.key(), outcome);
    }

    private static String cause(String kind, VerificationLevel level) {
        return kind + "_" + level.name().toLowerCase(Locale.ROOT);
    }

    private static Instant millis(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }
}
