package io.openloop.ledger.query.analytics;

import java.util.Arrays;
import java.util.List;
import org.bson.Document;

/**
 * Nearest-rank percentiles in an aggregation pipeline: of {@code n} values sorted ascending, the p-th percentile is the
 * one at 1-based rank {@code ceil(p * n / 100)}. The rank is computed as {@code ceil((p * n) / 100)} with an integer
 * product, so the quotient is exact whenever it is a whole number and no floating-point error moves the rank.
 *
 * <p>MongoDB 7 has {@code $percentile}, but the in-process store lacks it, so the pipelines sort the durations, collect
 * them per group with {@code $push} and pick the element at the rank with {@code $arrayElemAt}. That relies on {@code
 * $push} keeping the order of the preceding {@code $sort}.
 */
// NOTE: the contract test checks that order with shuffled durations on the in-process store. Its mongo:7 run needs a
// Docker engine and is skipped without one.
// NOTE: MongoDB caps the memory of one $push accumulator at 100 MB by default, so a group with more durations than
// that holds (some millions) fails the query. The routes limit a period to 366 days, not the invocations in it.
final class Percentiles {

    private Percentiles() {}

    /** Returns the expression of the {@code percent}-th percentile of the sorted array {@code sortedArray}. */
    static Document nearestRank(String sortedArray, int percent) {
        Document size = new Document("$size", sortedArray);
        Document rank = new Document(
                "$ceil", new Document("$divide", List.of(new Document("$multiply", List.of(percent, size)), 100)));
        Document index = new Document("$toInt", new Document("$subtract", List.of(rank, 1)));
        return new Document(
                "$cond",
                Arrays.asList(
                        new Document("$eq", List.of(size, 0)),
                        null,
                        new Document("$arrayElemAt", List.of(sortedArray, index))));
    }
}
