/**
 * Analytics over the read models: invocation counts, rates and durations, trust score distribution and verification
 * levels, each for a set of loops and a period.
 */
package io.openloop.ledger.messages.analytics;
