package io.openloop.ledger.api.loop;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.query.auth.CredentialLookup;
import io.openloop.ledger.query.auth.LoopAuthority;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Decides which loops a caller may see and manage: the operator all of them, a key its own loop, and a key with
 * {@code loops:manage} its loop and every descendant. Anything else is reported as not found, so a caller learns
 * nothing about loops that are not its own.
 */
@Component
public class LoopAccess {

    private final CredentialLookup credentials;

    LoopAccess(CredentialLookup credentials) {
        this.credentials = credentials;
    }

    /** Checks that the caller may read {@code loopId}. */
    public void requireVisible(Caller caller, String loopId) {
        requireWellFormed(loopId);
        if (caller.isOperator() || loopId.equals(caller.loopId())) {
            return;
        }
        LoopAuthority loop = credentials.loopAuthority(loopId).orElseThrow(() -> notFound(loopId));
        if (!loop.isManagedBy(caller.loopId())) {
            throw notFound(loopId);
        }
    }

    /** Checks that the caller manages {@code loopId}: the operator, or a key of the loop or of an ancestor. */
    public LoopAuthority requireManaged(Caller caller, String loopId) {
        requireWellFormed(loopId);
        LoopAuthority loop = credentials.loopAuthority(loopId).orElseThrow(() -> notFound(loopId));
        if (!caller.isOperator() && !loop.isManagedBy(caller.loopId())) {
            throw notFound(loopId);
        }
        return loop;
    }

    /** Checks that the caller manages {@code loopId} from above: the operator, or a key of a strict ancestor. */
    LoopAuthority requireManagedFromAbove(Caller caller, String loopId) {
        LoopAuthority loop = requireManaged(caller, loopId);
        if (!caller.isOperator() && loopId.equals(caller.loopId())) {
            throw new LedgerException(
                    ErrorCode.INSUFFICIENT_SCOPE,
                    "a loop cannot change its own suspension; use a key of an ancestor loop or the operator token",
                    Map.of("requiredScope", "loops:manage"));
        }
        return loop;
    }

    private static void requireWellFormed(String loopId) {
        if (!Ids.isValid(loopId, Ids.LOOP)) {
            throw notFound(loopId);
        }
    }

    public static LedgerException notFound(String loopId) {
        return new LedgerException(ErrorCode.NOT_FOUND, "loop " + loopId + " not found", Map.of("loopId", loopId));
    }
}
