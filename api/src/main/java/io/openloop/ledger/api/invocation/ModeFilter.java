package io.openloop.ledger.api.invocation;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.auth.KeyMode;

/**
 * Turns the {@code mode} parameter of a listing or a count into the execution mode to filter on: a test key sees
 * sandbox invocations only, and any other key the mode it asks for, or every mode.
 */
public final class ModeFilter {

    private ModeFilter() {}

    /**
     * Returns the mode {@code caller} may see for the requested wire name ({@code null}: every mode it may see).
     *
     * @throws io.openloop.ledger.messages.LedgerException {@code VALIDATION_FAILED} on field {@code mode} for an
     *     unknown name, or a live mode asked for with a test key
     */
    public static ExecutionMode visible(Caller caller, String mode) {
        ExecutionMode requested = parse(mode);
        if (caller.mode() != KeyMode.TEST) {
            return requested;
        }
        if (requested != null && requested.isLive()) {
            throw Requests.invalid("mode", "a test key sees sandbox invocations only; send mode=sandbox or no mode");
        }
        return ExecutionMode.SANDBOX;
    }

    private static ExecutionMode parse(String mode) {
        if (mode == null) {
            return null;
        }
        ExecutionMode parsed = ExecutionMode.fromWireName(mode);
        if (parsed == null) {
            throw Requests.invalid("mode", "mode must be sandbox, guided or autopilot; got " + mode);
        }
        return parsed;
    }
}
