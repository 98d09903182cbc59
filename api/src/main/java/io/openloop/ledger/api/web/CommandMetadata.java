package io.openloop.ledger.api.web;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.messages.auth.AuditMetadata;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;

/** Wraps a command with who sent it and in which request, which the events it causes inherit. */
public final class CommandMetadata {

    private CommandMetadata() {}

    public static <C> CommandMessage<C> wrap(C command, Caller caller, String requestId) {
        Map<String, Object> values = new HashMap<>();
        values.put(AuditMetadata.ACTOR_TYPE, caller.isOperator() ? "operator" : "key");
        if (!caller.isOperator()) {
            values.put(AuditMetadata.ACTOR_LOOP_ID, caller.loopId());
            values.put(AuditMetadata.ACTOR_KEY_ID, caller.keyId());
        }
        values.put(AuditMetadata.REQUEST_ID, requestId);
        values.put(AuditMetadata.CORRELATION_ID, requestId);
        return GenericCommandMessage.<C>asCommandMessage(command).andMetaData(MetaData.from(values));
    }
}
