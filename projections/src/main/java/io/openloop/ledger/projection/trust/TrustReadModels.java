package io.openloop.ledger.projection.trust;

/**
 * Names of the trust read model, for the query side that reads it.
 *
 * <p>{@value #TRUST_SCORES} contains one document per loop with an outcome or an invocation proof, {@code _id} the
 * loop id, with the fields of {@link io.openloop.ledger.messages.trust.TrustScoreView}: {@code score}, {@code
 * components}, {@code halfLifeDays}, {@code asOf} and {@code history}. It also contains what the score is computed
 * from: {@code outcomes}, a list of {@code {kind, subjectId, cause, weight, at}} sorted by kind and subject, with
 * {@code weight} signed and not yet decayed, and {@code subjectLevels}, the highest level each invocation's proofs
 * reached. {@code revision} counts the writes. Times are BSON dates.
 */
public final class TrustReadModels {

    public static final String TRUST_SCORES = "trust_scores";

    private TrustReadModels() {}
}
