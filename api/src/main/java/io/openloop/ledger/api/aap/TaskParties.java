package io.openloop.ledger.api.aap;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The two parties named by a task event. Every event of the task package carries {@code requesterLoopId} and {@code
 * businessLoopId}, so a loop's stream is filtered without reading the task.
 */
record TaskParties(String requesterLoopId, String businessLoopId) {

    private static final String TASK_EVENTS = "io.openloop.ledger.messages.task";

    private static final ClassValue<Method[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            if (!type.isRecord() || !TASK_EVENTS.equals(type.getPackageName())) {
                return null;
            }
            Method requester = null;
            Method business = null;
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals("requesterLoopId")) {
                    requester = component.getAccessor();
                } else if (component.getName().equals("businessLoopId")) {
                    business = component.getAccessor();
                }
            }
            return requester == null || business == null ? null : new Method[] {requester, business};
        }
    };

    /** Returns the parties named by {@code payload}, or null when it is not a task event. */
    static TaskParties of(Object payload) {
        if (payload == null) {
            return null;
        }
        Method[] accessors = ACCESSORS.get(payload.getClass());
        if (accessors == null) {
            return null;
        }
        try {
            return new TaskParties((String) accessors[0].invoke(payload), (String) accessors[1].invoke(payload));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot read the parties of " + payload.getClass().getName(), e);
        }
    }

    boolean includes(String loopId) {
        return loopId.equals(requesterLoopId) || loopId.equals(businessLoopId);
    }
}
