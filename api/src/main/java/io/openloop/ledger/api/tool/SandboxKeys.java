package io.openloop.ledger.api.tool;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.ExecutionMode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import java.util.Map;

/** The rule that test keys act only in sandbox mode. */
public final class SandboxKeys {

    private SandboxKeys() {}

    /** Rejects a test key asking for a live mode (guided or autopilot) with 403 {@code SANDBOX_ONLY}. */
    public static void requireLiveKeyFor(ExecutionMode mode, Caller caller) {
        if (mode.isLive() && caller.mode() == KeyMode.TEST) {
            throw new LedgerException(
                    ErrorCode.SANDBOX_ONLY,
                    "test keys act only in sandbox mode, and the request asks for " + mode.wireName()
                            + "; use a live key or executionMode \"sandbox\"",
                    Map.of("executionMode", mode.wireName()));
        }
    }
}
