package io.openloop.ledger.api.replay;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Progress of one projection's replay.
 *
 * @param name the processing group of the projection
 * @param replayId the replay run; a replay of several projections gives them one id
 * @param state the stage the replay is in
 * @param position the global position of the last event applied to the shadow collections, or null before the first
 * @param headPosition the position the event store hands out next, read when the status was recorded
 * @param eventsApplied the number of events that the projection handled
 * @param eventsPerSecond stored events read per second since the start, for every projection of the run
 * @param expectedEndAt an estimate of when the replay reaches the head, from the read rate so far; null when unknown
 * @param startedAt when the replay started
 * @param finishedAt when the replay finished, or null while it runs
 * @param error why the replay failed, or null
 */
@Schema(name = "ProjectionReplayStatus")
record ReplayStatus(
        String name,
        String replayId,
        ReplayState state,
        Long position,
        long headPosition,
        long eventsApplied,
        double eventsPerSecond,
        Instant expectedEndAt,
        Instant startedAt,
        Instant finishedAt,
        String error) {}
