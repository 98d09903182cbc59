package io.openloop.ledger.api.aap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.auth.AuditMetadata;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.task.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Live Server-Sent Event streams of a task and of a loop's AAP traffic.
 *
 * <p>Both read the event store, which every server node on the database shares, so a client connected to any node
 * receives every change, whichever node handled it. A task stream's event ids are the task's sequence numbers; an inbox
 * stream's are global event positions. A client that reconnects with {@code Last-Event-ID} (or {@code lastEventId})
 * resumes after that event. A comment line is sent as a heartbeat while nothing happens.
 */
@RestController
class TaskStreamRoutes {

    private static final Logger log = LoggerFactory.getLogger(TaskStreamRoutes.class);

    /** The states no message or deadline moves a task out of; a task stream ends after reaching one. */
    private static final Set<TaskState> FINAL_STATES = Set.of(
            TaskState.REJECTED,
            TaskState.CANCELLED,
            TaskState.FAILED,
            TaskState.EXPIRED,
            TaskState.REFUNDED,
            TaskState.DISMISSED);

    /** The audit metadata that names an event's actor and request. */
    private static final List<String> ACTOR_KEYS = List.of(
            AuditMetadata.ACTOR_TYPE,
            AuditMetadata.ACTOR_LOOP_ID,
            AuditMetadata.ACTOR_KEY_ID,
            AuditMetadata.REQUEST_ID);

    private final TaskTimeline timeline;
    private final LoopAccess access;
    private final EventStore events;
    private final ObjectMapper json;
    private final Duration pollInterval;
    private final Duration heartbeat;

    TaskStreamRoutes(
            TaskTimeline timeline,
            LoopAccess access,
            EventStore events,
            ObjectMapper json,
            @Value("${openloop.streams.poll-interval:PT0.2S}") Duration pollInterval,
            @Value("${openloop.streams.heartbeat:PT15S}") Duration heartbeat) {
        this.timeline = timeline;
        this.access = access;
        this.events = events;
        this.json = json;
        this.pollInterval = pollInterval;
        this.heartbeat = heartbeat;
    }

    /**
     * Streams every event of a task from the start, or after {@code Last-Event-ID}, each with the task's state after
     * it. The stream ends once the task reaches a state it cannot leave.
     */
    @RequiresScope({Scope.AAP_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/tasks/{taskId}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<TaskStreamEvent>> task(
            @PathVariable String taskId,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(required = false) String lastEventId,
            Caller caller) {
        Long resumeAfter = parseEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
        return Mono.fromCallable(() -> {
                    TaskSnapshot task = timeline.requireVisible(taskId, caller);
                    return resumeAfter == null || resumeAfter < 0
                            ? TaskTimeline.empty(taskId)
                            : timeline.requireAt(taskId, Math.min(resumeAfter, task.sequence()));
                })
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(start -> withHeartbeats(taskEvents(taskId, start)));
    }

    private Flux<ServerSentEvent<TaskStreamEvent>> taskEvents(String taskId, TaskSnapshot start) {
        TaskFollower follower = new TaskFollower(taskId, start);
        return Flux.interval(Duration.ZERO, pollInterval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.fromCallable(follower::readNew).subscribeOn(Schedulers.boundedElastic()), 1)
                .concatMapIterable(batch -> batch)
                .takeUntil(event -> FINAL_STATES.contains(event.data().state()));
    }

    /**
     * Streams the task events of every task that {@code loopId} (the caller's own loop by default) is a party of:
     * requests, offers and every later message, expiry and settlement. Without {@code Last-Event-ID} the stream starts
     * with the next event.
     */
    @RequiresScope({Scope.AAP_READ, Scope.AUDIT_READ})
    @GetMapping(path = "/api/aap/inbox/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<TaskStreamEvent>> inbox(
            @RequestParam(required = false) String loopId,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventIdHeader,
            @RequestParam(required = false) String lastEventId,
            Caller caller) {
        LiveKeys.requireLive(caller);
        String owner = loopId != null ? loopId : caller.loopId();
        if (owner == null) {
            throw Requests.invalid("loopId", "loopId is missing; the operator names the loop whose inbox to stream");
        }
        Long resumeAfter = parseEventId(lastEventIdHeader != null ? lastEventIdHeader : lastEventId);
        return Mono.fromRunnable(() -> access.requireManaged(caller, owner))
                .subscribeOn(Schedulers.boundedElastic())
                .thenMany(withHeartbeats(inboxEvents(owner, resumeAfter)));
    }

    private Flux<ServerSentEvent<TaskStreamEvent>> inboxEvents(String loopId, Long resumeAfter) {
        return Flux.<ServerSentEvent<TaskStreamEvent>>create(sink -> {
                    TrackingToken start = resumeAfter == null
                            ? events.createHeadToken()
                            : GapAwareTrackingToken.newInstance(resumeAfter, List.of());
                    BlockingStream<TrackedEventMessage<?>> stream = events.openStream(start);
                    sink.onDispose(stream::close);
                    Schedulers.boundedElastic().schedule(() -> followInbox(loopId, stream, sink));
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** Reads the shared event stream until the subscriber leaves, passing on the events of the loop's tasks. */
    private void followInbox(
            String loopId,
            BlockingStream<TrackedEventMessage<?>> stream,
            FluxSink<ServerSentEvent<TaskStreamEvent>> sink) {
        InboxStates states = new InboxStates();
        try {
            while (!sink.isCancelled()) {
                if (!stream.hasNextAvailable(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    continue;
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                TaskParties parties = TaskParties.of(event.getPayload());
                if (parties == null || !parties.includes(loopId) || !(event instanceof DomainEventMessage<?> domain)) {
                    continue;
                }
                long position = event.trackingToken().position().orElse(-1);
                TaskSnapshot after = states.after(domain);
                TaskStreamEvent data = streamEvent(domain, after.state(), position);
                sink.next(ServerSentEvent.<TaskStreamEvent>builder(data)
                        .id(Long.toString(position))
                        .event(data.event())
                        .build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.complete();
        } catch (RuntimeException e) {
            if (!sink.isCancelled()) {
                log.warn("Inbox stream of loop {} failed: {}", loopId, e.toString());
                sink.error(e);
            }
        }
    }

    private Flux<ServerSentEvent<TaskStreamEvent>> withHeartbeats(Flux<ServerSentEvent<TaskStreamEvent>> stream) {
        Flux<ServerSentEvent<TaskStreamEvent>> beats = Flux.interval(heartbeat, heartbeat)
                .map(tick -> ServerSentEvent.<TaskStreamEvent>builder()
                        .comment("heartbeat")
                        .build());
        // The shared stream decides when both end: the heartbeats stop with it.
        return stream.publish(shared ->
                Flux.merge(shared, beats.takeUntilOther(shared.ignoreElements().then(Mono.just(1)))));
    }

    private TaskStreamEvent streamEvent(DomainEventMessage<?> event, TaskState state, Long position) {
        JsonNode payload = json.valueToTree(event.getPayload());
        String name = event.getPayloadType().getSimpleName().replaceFirst("Event$", "");
        Map<String, Object> actor = new LinkedHashMap<>();
        for (String key : ACTOR_KEYS) {
            Object value = event.getMetaData().get(key);
            if (value != null) {
                actor.put(key, value);
            }
        }
        return new TaskStreamEvent(
                event.getAggregateIdentifier(),
                event.getSequenceNumber(),
                position,
                name,
                state,
                event.getTimestamp(),
                actor,
                payload);
    }

    private static Long parseEventId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Requests.invalid("Last-Event-ID", "Last-Event-ID must be the id of an event from this stream");
        }
    }

    /**
     * Keeps the latest snapshot of the tasks an inbox stream has passed on, so each event is folded onto the snapshot
     * before it instead of reading the task's events again. A task not kept, or one whose previous event was not seen,
     * is read from the store.
     */
    private final class InboxStates {

        private static final int MAX_TASKS = 1_000;

        private final Map<String, TaskSnapshot> latest = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TaskSnapshot> eldest) {
                return size() > MAX_TASKS;
            }
        };

        TaskSnapshot after(DomainEventMessage<?> event) {
            String taskId = event.getAggregateIdentifier();
            long sequence = event.getSequenceNumber();
            TaskSnapshot before = latest.get(taskId);
            TaskSnapshot after = before != null && before.sequence() == sequence - 1
                    ? before.apply(event.getPayload(), sequence)
                    : timeline.requireAt(taskId, sequence);
            latest.put(taskId, after);
            return after;
        }
    }

    /** Keeps the fold of one task stream between polls; polls run one at a time. */
    private final class TaskFollower {

        private final String taskId;
        private TaskSnapshot state;

        TaskFollower(String taskId, TaskSnapshot start) {
            this.taskId = taskId;
            this.state = start;
        }

        List<ServerSentEvent<TaskStreamEvent>> readNew() {
            List<ServerSentEvent<TaskStreamEvent>> batch = new ArrayList<>();
            DomainEventStream stream = timeline.eventsFrom(taskId, state.sequence() + 1);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                state = state.apply(event.getPayload(), event.getSequenceNumber());
                TaskStreamEvent data = streamEvent(event, state.state(), null);
                batch.add(ServerSentEvent.<TaskStreamEvent>builder(data)
                        .id(Long.toString(event.getSequenceNumber()))
                        .event(data.event())
                        .build());
            }
            return batch;
        }
    }

    /**
     * One event of a stream.
     *
     * @param sequence the event's sequence number within its task
     * @param position the event's global position; null on a task stream, whose ids are sequence numbers
     * @param event the event's name, such as {@code OfferMade} or {@code TaskSettled}
     * @param state the task's state after the event
     * @param actor who caused the event and in which request, from the event's audit metadata; a settlement or a
     *     deadline names the actor of the message that led to it
     * @param payload the event as recorded
     */
    record TaskStreamEvent(
            String taskId,
            long sequence,
            Long position,
            String event,
            TaskState state,
            Instant occurredAt,
            Map<String, Object> actor,
            JsonNode payload) {}
}
