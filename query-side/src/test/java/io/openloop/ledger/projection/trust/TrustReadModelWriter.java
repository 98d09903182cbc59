package io.openloop.ledger.projection.trust;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.invocation.InvocationDeniedEvent;
import io.openloop.ledger.messages.task.TaskSettledEvent;
import java.time.Instant;
import java.util.List;

/**
 * Writes the trust read model through the real projection, so query-side tests read documents exactly as the
 * projection stores them. Lives in the projection's package to reach its package-private handlers.
 */
public final class TrustReadModelWriter {

    public static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final TrustScoreProjection projection;

    public TrustReadModelWriter(MongoDatabase database) {
        this.projection = new TrustScoreProjection(database);
    }

    public void settled(String taskId, String requesterLoopId, String businessLoopId, long seconds) {
        projection.on(new TaskSettledEvent(taskId, requesterLoopId, businessLoopId, null, 0, T0.plusSeconds(seconds)));
    }

    public void denied(String invocationId, String loopId, long seconds) {
        projection.on(new InvocationDeniedEvent(invocationId, loopId, List.of(), 1, T0.plusSeconds(seconds)));
    }
}
