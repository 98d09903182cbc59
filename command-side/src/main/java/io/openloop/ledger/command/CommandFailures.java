package io.openloop.ledger.command;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import org.axonframework.commandhandling.CommandExecutionException;

/** Reads the domain's error code out of a failed command, for event handlers that skip expected rejections. */
public final class CommandFailures {

    private CommandFailures() {}

    /**
     * Returns the code of a {@link LedgerException} thrown locally or carried as a remote failure's details, or null
     * when the failure is not a domain rejection.
     */
    public static ErrorCode ledgerCode(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof LedgerException ledger) {
                return ledger.code();
            }
            if (current instanceof CommandExecutionException remote
                    && remote.getDetails().orElse(null) instanceof LedgerException details) {
                return details.code();
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }
}
