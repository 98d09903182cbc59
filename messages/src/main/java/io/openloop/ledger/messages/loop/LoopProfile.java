package io.openloop.ledger.messages.loop;

/**
 * The public part of a loop, which any key may read: its handle, name, kind, whether it is a verified business, and its
 * trust score (0-100; 50 for a loop with no history).
 */
public record LoopProfile(String handle, String displayName, LoopKind kind, boolean verified, int trustScore) {}
