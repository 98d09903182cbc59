package io.openloop.ledger.command.loop;

import io.openloop.ledger.messages.loop.Handle;

/**
 * The set of handles in use, checked when a loop is registered. Handles are unique across all loops, which one
 * aggregate cannot decide alone, so the check is a set-based lookup beside the event store.
 */
public interface HandleRegistry {

    /**
     * Claims {@code handle} for {@code loopId}. Claiming a handle the same loop already has succeeds, so a retried
     * command is harmless.
     *
     * @throws io.openloop.ledger.messages.LedgerException with {@code HANDLE_TAKEN} when another loop has it
     */
    void claim(Handle handle, String loopId);
}
