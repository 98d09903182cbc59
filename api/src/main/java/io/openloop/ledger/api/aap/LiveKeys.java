package io.openloop.ledger.api.aap;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import java.util.Map;

/** Keeps test keys away from tasks: tasks move real credits, and a test key reads sandbox data only. */
final class LiveKeys {

    private LiveKeys() {}

    /** Rejects a test key with {@code SANDBOX_ONLY}. */
    static void requireLive(Caller caller) {
        if (caller.mode() == KeyMode.TEST) {
            throw new LedgerException(
                    ErrorCode.SANDBOX_ONLY,
                    "tasks move real credits, so a test key can neither send nor read them; use a live key",
                    Map.of());
        }
    }
}
