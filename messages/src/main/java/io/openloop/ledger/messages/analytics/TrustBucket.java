package io.openloop.ledger.messages.analytics;

/**
 * The loops whose trust score lies in {@code [from, to)}; the last bucket, {@code [90, 100]}, includes 100.
 *
 * @param to the bucket's upper bound: exclusive, except 100 in the last bucket
 */
public record TrustBucket(int from, int to, long loops) {}
