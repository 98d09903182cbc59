package io.openloop.ledger.api.replay;

import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.RenameCollectionOptions;
import io.openloop.ledger.projection.ProjectionDefinition;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replay of one or more projections: reads the event store once from the first position and applies every event
 * to a fresh handler of each projection, then swaps the rebuilt collections in.
 *
 * <p>The handlers first write to a {@link StagingStore}, in memory and in this process, which waits for no round trip
 * and no durable commit per write. Meanwhile a {@link ShadowWriter} writes the documents they change to shadow
 * collections in the real database in bulk. Once a pass over the store finds at most {@value #CUTOVER_DISTANCE} new
 * events, the run has the writer write the rest and binds new handlers to the shadows; they create their indexes and
 * take the events that arrived since. The live processors keep running all the while. The run then stops the live
 * processors of its projections and applies the rest up to the head. It renames each shadow collection over its live
 * one, stores the position reached as the token of every segment of each processor, and starts the processors again.
 * A failure before the renames drops the shadows, starts the processors again and leaves the live collections as they
 * were.
 */
final class ReplayRun implements Runnable {

    static final int CUTOVER_DISTANCE = 1_000;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(ReplayRun.class);

    private final String replayId;
    private final List<Target> targets = new ArrayList<>();
    private final MongoDatabase database;
    private final EventStorageEngine engine;
    private final StoredEventReader reader;
    private final TokenStore tokenStore;
    private final EventProcessingConfiguration processing;
    private final ReplayRecords records;
    private final Clock clock;
    private final Runnable onFinish;

    private final Instant startedAt;
    private TrackingToken token;
    private TrackingToken replayToken;
    private long eventsRead;
    private ShadowWriter writer;
    private Instant lastProgress;

    ReplayRun(String replayId, List<ProjectionDefinition> definitions, ReplayContext context, Runnable onFinish) {
        this.replayId = replayId;
        this.database = context.database();
        this.engine = context.engine();
        this.reader = context.reader();
        this.tokenStore = context.tokenStore();
        this.processing = context.processing();
        this.records = context.records();
        this.clock = context.clock();
        this.onFinish = onFinish;
        this.startedAt = clock.instant();
        for (ProjectionDefinition definition : definitions) {
            targets.add(new Target(definition));
        }
    }

    /** Records every projection of the run as running, before the run is handed to a thread. */
    void recordStart() {
        record(ReplayState.RUNNING, reader.headPosition(), null, null);
    }

    @Override
    public void run() {
        List<EventProcessor> stopped = new ArrayList<>();
        boolean swapped = false;
        try {
            log.info("Replay {} of {} started", replayId, names());
            replayToken = ReplayToken.createReplayToken(engine.createHeadToken());
            try (StagingStore staging = StagingStore.start(database.getCodecRegistry());
                    ShadowWriter shadowWriter = new ShadowWriter(staging, database, replayId)) {
                for (Target target : targets) {
                    createShadows(target.definition);
                    target.bind(staging.database());
                }
                writer = shadowWriter;
                shadowWriter.start();
                long applied;
                do {
                    applied = applyAvailable();
                } while (applied > CUTOVER_DISTANCE);
                long started = System.nanoTime();
                ShadowWriter.Written written = shadowWriter.finish();
                writer = null;
                log.info(
                        "Replay {} wrote {} documents to its shadow collections while applying events and {} more in"
                                + " {} ms at the cut-over",
                        replayId,
                        written.whileApplying(),
                        written.atCutOver(),
                        (System.nanoTime() - started) / 1_000_000);
                for (Target target : targets) {
                    target.bind(database);
                }
            }
            applyAvailable();

            record(ReplayState.SWAPPING, reader.headPosition(), null, null);
            stopped.addAll(stopProcessors());
            applyAvailable();
            for (Target target : targets) {
                swap(target.definition);
            }
            swapped = true;
            for (Target target : targets) {
                storeTokens(target.definition.processingGroup());
            }
            startAll(stopped);
            record(ReplayState.DONE, reader.headPosition(), clock.instant(), null);
            log.info("Replay {} of {} done at position {} after {} events", replayId, names(), position(), eventsRead);
        } catch (Exception | LinkageError e) {
            log.error("Replay {} of {} failed at position {}", replayId, names(), position(), e);
            if (!swapped) {
                for (Target target : targets) {
                    dropShadowsQuietly(target.definition);
                }
            }
            startAll(stopped);
            record(ReplayState.FAILED, safeHeadPosition(), clock.instant(), String.valueOf(e.getMessage()));
        } finally {
            onFinish.run();
        }
    }

    /** Applies every stored event after the current token, and returns how many there were. */
    private long applyAvailable() throws Exception {
        long applied = 0;
        try (EventPrefetch events = EventPrefetch.start(engine, token)) {
            TrackedEventMessage<?> event;
            while ((event = events.next()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("the server is stopping");
                }
                if (writer != null) {
                    writer.rethrowFailure();
                }
                apply(event);
                token = event.trackingToken();
                eventsRead++;
                applied++;
                recordProgressEveryInterval();
            }
        }
        return applied;
    }

    private void apply(TrackedEventMessage<?> event) throws Exception {
        TrackedEventMessage<?> message = event;
        if (replayToken instanceof ReplayToken replay) {
            replayToken = replay.advancedTo(event.trackingToken());
            message = event.withTrackingToken(replayToken);
        }
        TrackedEventMessage<?> delivered = message;
        ResultMessage<?> result = DefaultUnitOfWork.startAndGet(delivered).executeWithResult(() -> {
            for (Target target : targets) {
                if (target.adapter.canHandle(delivered)) {
                    target.adapter.handle(delivered);
                    target.eventsApplied++;
                }
            }
            return null;
        });
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
        }
    }

    private void recordProgressEveryInterval() {
        Instant now = clock.instant();
        if (lastProgress == null || Duration.between(lastProgress, now).compareTo(PROGRESS_INTERVAL) >= 0) {
            lastProgress = now;
            record(ReplayState.RUNNING, reader.headPosition(), null, null);
        }
    }

    /**
     * Stops the running processors of the run's projections, all at once, and returns them. When they do not all stop
     * in time, starts them again and throws.
     */
    private List<EventProcessor> stopProcessors() throws Exception {
        List<EventProcessor> stopping = new ArrayList<>();
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Target target : targets) {
            EventProcessor processor = processing
                    .eventProcessorByProcessingGroup(target.definition.processingGroup())
                    .orElse(null);
            if (processor != null && processor.isRunning()) {
                stopping.add(processor);
                stops.add(processor.shutdownAsync());
            }
        }
        try {
            CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
                    .get(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            startAll(stopping);
            throw e;
        }
        for (EventProcessor processor : stopping) {
            log.info("Replay {} stopped processor {}", replayId, processor.getName());
        }
        return stopping;
    }

    private void startAll(List<EventProcessor> processors) {
        for (EventProcessor processor : processors) {
            try {
                processor.start();
                log.info("Replay {} started processor {} again", replayId, processor.getName());
            } catch (RuntimeException e) {
                log.error("Replay {} could not start processor {} again", replayId, processor.getName(), e);
            }
        }
    }

    private void swap(ProjectionDefinition definition) {
        String databaseName = database.getName();
        for (String collection : definition.collections()) {
            database.getCollection(ShadowDatabase.shadowName(collection))
                    .renameCollection(
                            new MongoNamespace(databaseName, collection),
                            new RenameCollectionOptions().dropTarget(true));
        }
        log.info("Replay {} swapped in {} for {}", replayId, definition.collections(), definition.processingGroup());
    }

    /**
     * Stores the position reached as the token of every segment of the group. Nothing is stored when the store
     * contains no events, because the live tokens then cannot be ahead of the rebuilt collections either.
     */
    private void storeTokens(String group) {
        if (token == null) {
            return;
        }
        for (int segment : tokenStore.fetchSegments(group)) {
            tokenStore.storeToken(token, group, segment);
            tokenStore.releaseClaim(group, segment);
        }
    }

    /**
     * Creates empty shadow collections, dropping any left over. Every shadow then exists at the swap, also when the
     * projection wrote nothing to it, so an empty rebuilt collection replaces the live one.
     */
    private void createShadows(ProjectionDefinition definition) {
        dropShadows(definition);
        for (String collection : definition.collections()) {
            database.createCollection(ShadowDatabase.shadowName(collection));
        }
    }

    private void dropShadows(ProjectionDefinition definition) {
        for (String collection : definition.collections()) {
            database.getCollection(ShadowDatabase.shadowName(collection)).drop();
        }
    }

    private void dropShadowsQuietly(ProjectionDefinition definition) {
        try {
            dropShadows(definition);
        } catch (RuntimeException e) {
            log.warn(
                    "Replay {} could not drop the shadow collections of {}", replayId, definition.processingGroup(), e);
        }
    }

    private void record(ReplayState state, long headPosition, Instant finishedAt, String error) {
        Instant now = clock.instant();
        double seconds = Math.max(Duration.between(startedAt, now).toMillis(), 1) / 1000.0;
        double rate = eventsRead / seconds;
        Long position = position();
        Instant expectedEndAt = null;
        if (state.isActive() && rate > 0) {
            long remaining = Math.max(headPosition - 1 - (position == null ? -1 : position), 0);
            expectedEndAt = now.plusMillis((long) (remaining / rate * 1000));
        }
        for (Target target : targets) {
            records.save(new ReplayStatus(
                    target.definition.processingGroup(),
                    replayId,
                    state,
                    position,
                    headPosition,
                    target.eventsApplied,
                    Math.round(rate * 10) / 10.0,
                    expectedEndAt,
                    startedAt,
                    finishedAt,
                    error));
        }
    }

    private long safeHeadPosition() {
        try {
            return reader.headPosition();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private Long position() {
        if (token == null) {
            return null;
        }
        return token.position().isPresent() ? token.position().getAsLong() : null;
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        for (Target target : targets) {
            names.add(target.definition.processingGroup());
        }
        return names;
    }

    private static final class Target {
        final ProjectionDefinition definition;
        AnnotationEventHandlerAdapter adapter;
        long eventsApplied;

        Target(ProjectionDefinition definition) {
            this.definition = definition;
        }

        /** Makes a fresh handler that writes to the shadow collections in {@code store}. */
        void bind(MongoDatabase store) {
            MongoDatabase shadow = ShadowDatabase.over(store, definition.collections());
            adapter = new AnnotationEventHandlerAdapter(definition.factory().apply(shadow));
        }
    }
}
