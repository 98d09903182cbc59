package io.openloop.ledger.api.replay;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.Ids;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.projection.ProjectionDefinition;
import io.openloop.ledger.store.events.StoredEventReader;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts projection replays, one thread per run, and reports their status from {@value ReplayRecords#COLLECTION}.
 *
 * <p>A projection is in at most one running replay on this node. NOTE: the check is per node, so two nodes that share
 * a database can each start a replay of the same projection, and a replay stops only this node's processor.
 */
@Component
class ProjectionReplays implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProjectionReplays.class);

    private final Map<String, ProjectionDefinition> definitions = new TreeMap<>();
    private final ReplayContext context;
    private final Set<String> running = new HashSet<>();
    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "projection-replay-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    ProjectionReplays(
            List<ProjectionDefinition> definitions,
            MongoDatabase database,
            EventStorageEngine engine,
            TokenStore tokenStore,
            EventProcessingConfiguration processing,
            Clock clock) {
        for (ProjectionDefinition definition : definitions) {
            this.definitions.put(definition.processingGroup(), definition);
        }
        this.context = new ReplayContext(
                database,
                engine,
                new StoredEventReader(database),
                tokenStore,
                processing,
                new ReplayRecords(database),
                clock);
    }

    /** Marks replays left running by a stopped server as failed and drops their shadow collections. */
    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedReplays() {
        for (ReplayStatus status : context.records().active()) {
            ProjectionDefinition definition = definitions.get(status.name());
            if (definition != null) {
                for (String collection : definition.collections()) {
                    context.database()
                            .getCollection(ShadowDatabase.shadowName(collection))
                            .drop();
                }
            }
            context.records()
                    .save(new ReplayStatus(
                            status.name(),
                            status.replayId(),
                            ReplayState.FAILED,
                            status.position(),
                            status.headPosition(),
                            status.eventsApplied(),
                            status.eventsPerSecond(),
                            null,
                            status.startedAt(),
                            context.clock().instant(),
                            "the server stopped during the replay in state " + status.state()
                                    + "; start the replay again"));
            log.warn(
                    "Replay {} of {} was interrupted by a server stop; marked FAILED",
                    status.replayId(),
                    status.name());
        }
    }

    Set<String> names() {
        return definitions.keySet();
    }

    ProjectionDefinition definition(String name) {
        ProjectionDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND,
                    "projection " + name + " not found; replayable projections: " + definitions.keySet(),
                    Map.of("name", String.valueOf(name)));
        }
        return definition;
    }

    /** Starts one replay of the named projections, and returns its id and the first status of each. */
    ReplayStart start(List<String> names) {
        List<ProjectionDefinition> chosen = new ArrayList<>();
        for (String name : new LinkedHashSet<>(names)) {
            chosen.add(definition(name));
        }
        String replayId = Ids.newId("rpl_");
        ReplayRun run;
        synchronized (running) {
            for (ProjectionDefinition definition : chosen) {
                if (running.contains(definition.processingGroup())) {
                    throw new LedgerException(
                            ErrorCode.INVALID_STATE,
                            "a replay of projection " + definition.processingGroup()
                                    + " is already running; wait until its state is DONE or FAILED",
                            Map.of("name", definition.processingGroup()));
                }
            }
            run = new ReplayRun(replayId, chosen, context, () -> finished(chosen));
            for (ProjectionDefinition definition : chosen) {
                running.add(definition.processingGroup());
            }
        }
        try {
            run.recordStart();
            executor.execute(run);
        } catch (RuntimeException e) {
            finished(chosen);
            throw e;
        }
        List<ReplayStatus> statuses = new ArrayList<>();
        for (ProjectionDefinition definition : chosen) {
            statuses.add(status(definition.processingGroup()));
        }
        return new ReplayStart(replayId, statuses);
    }

    /** Returns the last replay of the projection, or null when it was never replayed. */
    ReplayStatus status(String name) {
        definition(name);
        return context.records().find(name);
    }

    long headPosition() {
        return context.reader().headPosition();
    }

    /** Returns the lowest position the live processor of the group has reached on this node, or null. */
    Long tokenPosition(String group) {
        StreamingEventProcessor processor = context.processing()
                .eventProcessorByProcessingGroup(group, StreamingEventProcessor.class)
                .orElse(null);
        if (processor == null) {
            return null;
        }
        Long lowest = null;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong position = status.getCurrentPosition();
            if (position.isPresent() && (lowest == null || position.getAsLong() < lowest)) {
                lowest = position.getAsLong();
            }
        }
        return lowest;
    }

    private void finished(List<ProjectionDefinition> chosen) {
        synchronized (running) {
            for (ProjectionDefinition definition : chosen) {
                running.remove(definition.processingGroup());
            }
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    /** The id of a started replay and the status of each of its projections. */
    @Schema(name = "ProjectionReplayStart")
    record ReplayStart(String replayId, List<ReplayStatus> replays) {}
}
