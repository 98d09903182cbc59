package io.openloop.ledger.api.analytics;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.messages.loop.ListLoopTreeQuery;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.stereotype.Component;

/**
 * Decides which loops an analytics request covers: a loop and every loop below it. The loop is {@code loopId} when
 * given, which a key may name only for its own loop or one it manages (anything else is 404), else the key's own loop.
 * The operator without {@code loopId} covers every loop.
 */
@Component
class AnalyticsScope {

    private final Dispatcher dispatcher;
    private final LoopAccess access;

    AnalyticsScope(Dispatcher dispatcher, LoopAccess access) {
        this.dispatcher = dispatcher;
        this.access = access;
    }

    /** Returns the ids of the loops covered, or null for every loop. */
    List<String> loopIds(Caller caller, String loopId) {
        String root = loopId != null ? loopId : caller.loopId();
        if (root == null) {
            return null;
        }
        access.requireManaged(caller, root);
        return dispatcher.query(new ListLoopTreeQuery(root), ResponseTypes.multipleInstancesOf(String.class));
    }
}
