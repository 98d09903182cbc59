package io.openloop.ledger.store.deadlines;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.openloop.ledger.store.deadlines.ReminderAggregate.ReminderDue;
import io.openloop.ledger.store.deadlines.ReminderAggregate.SetReminderCommand;
import io.openloop.ledger.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviour of {@link MongoDeadlineManager} with a real Axon configuration per node: an event-sourced
 * {@link ReminderAggregate} on an in-memory event store that the nodes share, and the deadline collection in the
 * database that subclasses provide.
 */
abstract class MongoDeadlineManagerContract {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Duration FAST_POLL = Duration.ofMillis(20);

    private final Serializer serializer = JacksonSerializer.defaultSerializer();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<Configuration> nodes = new ArrayList<>();
    private final EventStorageEngine events = new InMemoryEventStorageEngine();

    private MongoDatabase database;
    private MongoCollection<Document> deadlines;

    protected abstract MongoDatabase newDatabase();

    @BeforeEach
    void setUp() {
        ReminderAggregate.reset();
        database = newDatabase();
        deadlines = database.getCollection("deadlines");
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(Configuration::shutdown);
    }

    @Test
    void deadlineFiresIntoAggregateHandler() {
        Node node = startNode("node-a", FAST_POLL);

        node.setReminder("r-1", clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));

        await().atMost(PATIENCE).until(() -> ReminderAggregate.firedOf("r-1") == 1);
        await().atMost(PATIENCE).until(() -> deadlines.countDocuments() == 0);
        assertThat(ReminderAggregate.callsOf("r-1")).isEqualTo(1);
    }

    @Test
    void lifecycleStartsAndStopsPoller() {
        Node node = startNode("node-a", FAST_POLL);

        assertThat(node.manager().isRunning()).isTrue();
        node.configuration().shutdown();
        assertThat(node.manager().isRunning()).isFalse();
    }

    @Test
    void deadlineNotDueDoesNotFire() {
        Node node = startNode("node-a", FAST_POLL);

        node.setReminder("r-1", clock.instant().plusSeconds(60));
        node.manager().pollNow();

        assertThat(ReminderAggregate.callsOf("r-1")).isZero();
        assertThat(deadlines.countDocuments()).isEqualTo(1);
    }

    @Test
    void storedDocumentDescribesDeadline() {
        Node node = startNode("node-a", FAST_POLL);
        Instant dueAt = clock.instant().plusSeconds(60);

        node.setReminder("r-1", dueAt);
        Document stored = deadlines.find().first();

        assertThat(stored.getString("deadlineName")).isEqualTo(ReminderAggregate.DEADLINE);
        assertThat(stored.getDate("dueAt").toInstant()).isEqualTo(dueAt);
        assertThat(stored.getDate("claimableAt").toInstant()).isEqualTo(dueAt);
        assertThat(stored.get("owner")).isNull();
        assertThat(stored.getString("scopeKey")).contains("ReminderAggregate").contains("r-1");
        assertThat(stored.get("payload", Document.class).getString("type")).isEqualTo(ReminderDue.class.getName());
    }

    @Test
    void deadlineSurvivesRestart() {
        Node before = startNode("node-a", FAST_POLL);
        before.setReminder("r-1", clock.instant().plus(Duration.ofMinutes(10)));
        before.configuration().shutdown();

        clock.advance(Duration.ofMinutes(30));
        assertThat(ReminderAggregate.callsOf("r-1")).isZero();
        startNode("node-b", FAST_POLL);

        await().atMost(PATIENCE).until(() -> ReminderAggregate.firedOf("r-1") == 1);
        await().atMost(PATIENCE).until(() -> deadlines.countDocuments() == 0);
    }

    @Test
    void twoNodesFireEachDeadlineOnce() {
        Node first = startNode("node-a", Duration.ofMillis(5));
        Node second = startNode("node-b", Duration.ofMillis(5));
        List<String> reminderIds =
                IntStream.range(0, 200).mapToObj(i -> "r-" + i).toList();
        Instant dueAt = clock.instant().plusSeconds(60);
        for (int i = 0; i < reminderIds.size(); i++) {
            (i % 2 == 0 ? first : second).setReminder(reminderIds.get(i), dueAt);
        }

        clock.advance(Duration.ofSeconds(61));

        await().atMost(PATIENCE).until(() -> deadlines.countDocuments() == 0);
        for (String reminderId : reminderIds) {
            assertThat(ReminderAggregate.callsOf(reminderId)).as(reminderId).isEqualTo(1);
        }
        assertThat(ReminderAggregate.fired).hasSize(200);
    }

    /**
     * A find on mongo-java-server can return a deadline that matched its filter but already shows another node's claim
     * with the version that claim wrote, so a claim must check the stored lease, not only the version.
     */
    @Test
    void claimSkipsDeadlineLeasedByOtherNode() {
        Node node = startIdleNode("node-a");
        node.setReminder("r-1", clock.instant());
        DeadlineClaims first = new DeadlineClaims(deadlines, "node-a", Duration.ofMinutes(1), clock);
        DeadlineClaims second = new DeadlineClaims(deadlines, "node-b", Duration.ofMinutes(1), clock);

        assertThat(first.claim(deadlines.find().first())).isNotNull();
        Document leased = deadlines.find().first();
        assertThat(second.claim(leased)).isNull();

        Document stored = deadlines.find().first();
        assertThat(stored.getString("owner")).isEqualTo("node-a");
        assertThat(stored.getLong("version")).isEqualTo(leased.getLong("version"));
    }

    @Test
    void failingHandlerIsRetriedWithBackoff() {
        Node node = startIdleNode("node-a");
        ReminderAggregate.failuresLeft.set(2);
        node.setReminder("r-1", clock.instant());

        node.manager().pollNow();
        Document afterFirst = deadlines.find().first();
        assertThat(ReminderAggregate.callsOf("r-1")).isEqualTo(1);
        assertThat(afterFirst.getInteger("attempts")).isEqualTo(1);
        assertThat(afterFirst.get("owner")).isNull();
        assertThat(afterFirst.getString("lastFailure")).isEqualTo(IllegalStateException.class.getName());
        assertThat(afterFirst.getDate("claimableAt").toInstant())
                .isEqualTo(clock.instant().plusSeconds(1));

        node.manager().pollNow();
        assertThat(ReminderAggregate.callsOf("r-1")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        node.manager().pollNow();
        Document afterSecond = deadlines.find().first();
        assertThat(ReminderAggregate.callsOf("r-1")).isEqualTo(2);
        assertThat(afterSecond.getDate("claimableAt").toInstant())
                .isEqualTo(clock.instant().plusSeconds(2));

        clock.advance(Duration.ofSeconds(2));
        node.manager().pollNow();
        assertThat(ReminderAggregate.firedOf("r-1")).isEqualTo(1);
        assertThat(deadlines.countDocuments()).isZero();
    }

    @Test
    void rolledBackCommandSchedulesNothing() {
        Node node = startIdleNode("node-a");
        SetReminderCommand rejected = new SetReminderCommand("r-1", clock.instant(), true);

        assertThatThrownBy(() -> node.configuration().commandGateway().sendAndWait(rejected))
                .isInstanceOf(IllegalStateException.class);

        assertThat(deadlines.countDocuments()).isZero();
    }

    @Test
    void cancelInRolledBackUnitOfWorkCancelsNothing() {
        Node node = startIdleNode("node-a");
        String scheduleId = node.manager().schedule(clock.instant(), "other", null, scope("r-1"));

        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        node.manager().cancelSchedule("other", scheduleId);
        unitOfWork.rollback();

        assertThat(deadlines.countDocuments(eq("_id", scheduleId))).isEqualTo(1);
    }

    @Test
    void cancelScheduleRemovesOnlyThatDeadline() {
        Node node = startIdleNode("node-a");
        MongoDeadlineManager manager = node.manager();
        String first = manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-1"));
        String second = manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-1"));

        manager.cancelSchedule("some-other-name", first);
        assertThat(deadlines.countDocuments(eq("_id", first))).isEqualTo(1);

        manager.cancelSchedule(ReminderAggregate.DEADLINE, first);
        assertThat(deadlines.countDocuments(eq("_id", first))).isZero();
        assertThat(deadlines.countDocuments(eq("_id", second))).isEqualTo(1);
    }

    @Test
    void cancelAllRemovesEveryDeadlineOfName() {
        Node node = startIdleNode("node-a");
        MongoDeadlineManager manager = node.manager();
        manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-1"));
        manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-2"));
        String other = manager.schedule(clock.instant(), "other", null, scope("r-1"));

        manager.cancelAll(ReminderAggregate.DEADLINE);

        assertThat(deadlines.countDocuments(eq("deadlineName", ReminderAggregate.DEADLINE)))
                .isZero();
        assertThat(deadlines.countDocuments(eq("_id", other))).isEqualTo(1);
    }

    @Test
    void cancelAllWithinScopeRemovesOnlyThatScope() {
        Node node = startIdleNode("node-a");
        MongoDeadlineManager manager = node.manager();
        String inScope = manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-1"));
        String otherScope = manager.schedule(clock.instant(), ReminderAggregate.DEADLINE, null, scope("r-2"));
        String otherName = manager.schedule(clock.instant(), "other", null, scope("r-1"));

        manager.cancelAllWithinScope(ReminderAggregate.DEADLINE, scope("r-1"));

        assertThat(deadlines.countDocuments(eq("_id", inScope))).isZero();
        assertThat(deadlines.countDocuments(eq("_id", otherScope))).isEqualTo(1);
        assertThat(deadlines.countDocuments(eq("_id", otherName))).isEqualTo(1);
    }

    @Test
    void cancelledDeadlineDoesNotFire() {
        Node node = startIdleNode("node-a");
        node.setReminder("r-1", clock.instant());

        node.manager().cancelAll(ReminderAggregate.DEADLINE);
        node.manager().pollNow();

        assertThat(ReminderAggregate.callsOf("r-1")).isZero();
    }

    @Test
    void unresolvableScopeIsDropped() {
        Node node = startIdleNode("node-a");
        AggregateScopeDescriptor unknown = new AggregateScopeDescriptor("NoSuchAggregate", "x-1");
        node.manager().schedule(clock.instant(), ReminderAggregate.DEADLINE, new ReminderDue("x-1"), unknown);

        node.manager().pollNow();

        assertThat(deadlines.countDocuments()).isZero();
        assertThat(ReminderAggregate.calls).isEmpty();
    }

    @Test
    void expiredClaimOfCrashedNodeIsTakenOver() {
        Node node = startIdleNode("node-a");
        node.setReminder("r-1", clock.instant());
        Instant leaseEnd = clock.instant().plus(Duration.ofMinutes(1));
        deadlines.updateOne(
                eq("_id", deadlines.find().first().getString("_id")),
                Updates.combine(
                        Updates.set("owner", "crashed-node"),
                        Updates.set("claimableAt", Date.from(leaseEnd)),
                        Updates.inc("version", 1L)));

        node.manager().pollNow();
        assertThat(ReminderAggregate.callsOf("r-1")).isZero();

        clock.advance(Duration.ofMinutes(1));
        node.manager().pollNow();
        assertThat(ReminderAggregate.firedOf("r-1")).isEqualTo(1);
        assertThat(deadlines.countDocuments()).isZero();
    }

    /** Starts a node whose poller thread polls every {@code pollInterval}. */
    private Node startNode(String nodeId, Duration pollInterval) {
        Configuration configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureEmbeddedEventStore(c -> events)
                .configureAggregate(ReminderAggregate.class)
                .registerComponent(DeadlineManager.class, c -> {
                    MongoDeadlineManager manager = MongoDeadlineManager.builder()
                            .database(database)
                            .serializer(serializer)
                            .scopeAwareProvider(new ConfigurationScopeAwareProvider(c))
                            .clock(clock)
                            .nodeId(nodeId)
                            .pollInterval(pollInterval)
                            .build();
                    manager.createIndexes();
                    return manager;
                })
                .buildConfiguration();
        configuration.start();
        nodes.add(configuration);
        return new Node(configuration, (MongoDeadlineManager) configuration.deadlineManager());
    }

    /**
     * Starts a node and stops its poller thread after the first poll, which finds nothing due, so the test drives
     * every further poll with {@code pollNow}.
     */
    private Node startIdleNode(String nodeId) {
        Node node = startNode(nodeId, Duration.ofHours(1));
        node.manager().shutdown();
        return node;
    }

    private static AggregateScopeDescriptor scope(String reminderId) {
        return new AggregateScopeDescriptor(ReminderAggregate.class.getSimpleName(), reminderId);
    }

    private record Node(Configuration configuration, MongoDeadlineManager manager) {

        void setReminder(String reminderId, Instant dueAt) {
            configuration.commandGateway().sendAndWait(new SetReminderCommand(reminderId, dueAt, false));
        }
    }
}
