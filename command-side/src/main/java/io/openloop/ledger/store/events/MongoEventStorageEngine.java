package io.openloop.ledger.store.events;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@link org.axonframework.eventsourcing.eventstore.EventStorageEngine} on the MongoDB Java driver, for MongoDB
 * and for the in-process mongo-java-server alike.
 *
 * <p>Contracts:
 *
 * <ul>
 *   <li>One document per commit: the events one {@code appendEvents} call appends for one aggregate are stored in a
 *       single insert, so they are stored all together or not at all, without transactions. A call that appends for
 *       several aggregates stores one commit per aggregate, and those commits succeed or fail one by one.
 *   <li>Optimistic concurrency: a second writer of the same aggregate sequence number gets Axon's
 *       {@link org.axonframework.modelling.command.ConcurrencyException}, or
 *       {@link org.axonframework.modelling.command.AggregateStreamCreationException} when it tried to create the
 *       aggregate, and none of its commit is stored.
 *   <li>Tracking reads use {@link org.axonframework.eventhandling.GapAwareTrackingToken}, one distinct token per event.
 *       A position that stays missing longer than the gap timeout is fenced with a void document. A commit that
 *       arrives later is stored at new positions, so no event is skipped.
 *   <li>Payload and metadata are stored as RFC 8785 canonical JSON (the event serializer must write JSON, such as
 *       Axon's {@code JacksonSerializer}), and each event carries a hash chained to the previous event of its stream;
 *       see {@link EventHashes}.
 *   <li>Every query is an equality or {@code $in} on the fields of one index from {@link #indexes()}.
 * </ul>
 */
public class MongoEventStorageEngine extends AbstractEventStorageEngine {

    private static final Logger logger = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    private final MongoDatabase database;
    private final String eventsCollection;
    private final String snapshotsCollection;
    private final String sequencesCollection;

    private final PositionCounter counter;
    private final CommitAssembler assembler;
    private final GroupCommitWriter writer;
    private final TrackingReader trackingReader;
    private final GapFence gapFence;
    private final StreamReader streamReader;
    private final SnapshotStore snapshotStore;
    private final TokenLocator tokenLocator;

    /** Creates the engine from a validated builder and creates its indexes and position counter if missing. */
    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        this.database = builder.database;
        this.eventsCollection = builder.eventsCollection;
        this.snapshotsCollection = builder.snapshotsCollection;
        this.sequencesCollection = builder.sequencesCollection;

        MongoCollection<Document> events = database.getCollection(eventsCollection);
        this.counter = new PositionCounter(database.getCollection(sequencesCollection), eventsCollection);
        ChainHeads chainHeads = new ChainHeads(events, builder.chainCacheSize);
        VoidWriter voids = new VoidWriter(events, builder.clock);
        this.assembler = new CommitAssembler(chainHeads);
        this.writer = new GroupCommitWriter(
                new BatchInserter(events, counter, chainHeads, voids, builder.clock, builder.beforeInsert),
                builder.maxCommitBatchEvents);
        this.gapFence = new GapFence(voids, builder.clock, builder.gapTimeout);
        this.trackingReader = new TrackingReader(events, counter, gapFence, builder.batchSize);
        this.streamReader = new StreamReader(events, chainHeads);
        this.snapshotStore = new SnapshotStore(database.getCollection(snapshotsCollection));
        this.tokenLocator = new TokenLocator(events, counter, builder.batchSize);

        ensureIndexes();
        counter.ensureExists();
        logger.info(
                "Event store ready on database [{}]: events in [{}], snapshots in [{}], position counter in [{}],"
                        + " gap timeout {}",
                database.getName(),
                eventsCollection,
                snapshotsCollection,
                sequencesCollection,
                builder.gapTimeout);
    }

    /** Returns a builder; {@link Builder#database(MongoDatabase)} and an event serializer are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns every index the engine's queries rely on. {@link #ensureIndexes()} creates those that are not
     * {@linkplain IndexDeclaration#implicit() implicit}.
     */
    public List<IndexDeclaration> indexes() {
        return List.of(
                new IndexDeclaration(eventsCollection, new IndexModel(Indexes.ascending("_id")), true),
                new IndexDeclaration(
                        eventsCollection,
                        new IndexModel(
                                Indexes.ascending(CommitDocuments.POSITIONS),
                                new IndexOptions().unique(true).name("pos_unique")),
                        false),
                new IndexDeclaration(
                        eventsCollection,
                        new IndexModel(
                                Indexes.ascending(CommitDocuments.KEYS),
                                new IndexOptions().unique(true).name("keys_unique")),
                        false),
                new IndexDeclaration(snapshotsCollection, new IndexModel(Indexes.ascending("_id")), true),
                new IndexDeclaration(sequencesCollection, new IndexModel(Indexes.ascending("_id")), true));
    }

    /** Creates the declared indexes that do not exist yet; creating an existing index is a no-op. */
    public void ensureIndexes() {
        for (IndexDeclaration declaration : indexes()) {
            if (!declaration.implicit()) {
                database.getCollection(declaration.collection()).createIndexes(List.of(declaration.model()));
            }
        }
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        writer.append(assembler.assemble(events, serializer));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        snapshotStore.store(snapshot, serializer);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(String identifier, long firstSequenceNumber) {
        return streamReader.read(identifier, firstSequenceNumber);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The stream ends once the store contains nothing beyond its last token. {@code mayBlock} is not used, because
     * Axon's event store polls again by itself.
     */
    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return trackingReader.read(trackingToken);
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return snapshotStore.read(aggregateIdentifier);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return streamReader.lastSequenceNumber(aggregateIdentifier);
    }

    /** Returns {@code null}, which reads from the first stored position. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    @Override
    public TrackingToken createHeadToken() {
        return tokenLocator.head();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return tokenLocator.at(dateTime);
    }

    /**
     * Fences the positions among {@code missing} that have stayed missing longer than the gap timeout, as the tracking
     * readers do, and returns those that now hold a void document {@code gap-timeout}. The timeout of a position starts
     * when a reader or a call of this method first reports it missing. A commit that arrives before the fence is kept,
     * and one that arrives after it is stored at new positions, so no event is lost.
     *
     * @param missing positions below the head of the store that held no document when the caller read them
     */
    public Set<Long> fenceStaleGaps(Collection<Long> missing) {
        return gapFence.fenceStale(missing);
    }

    /** Returns the number of appends waiting for a group-commit leader, for tests. */
    int queuedAppends() {
        return writer.queuedRequests();
    }

    /** Returns how many group-commit batches leaders have written; fewer than {@link #appendCalls()} means sharing. */
    long groupCommitBatches() {
        return writer.batchCount();
    }

    /** Returns how many non-empty {@code appendEvents} calls reached the writer. */
    long appendCalls() {
        return writer.requestCount();
    }

    /**
     * Builder of {@link MongoEventStorageEngine}. Defaults: collections {@code events}, {@code snapshots} and
     * {@code sequences}, gap timeout 10 s, tracking batch 100 positions, group-commit batch 1,000 events, system UTC
     * clock, chain-head cache of 10,000 aggregates. The snapshot serializer defaults to the event serializer.
     */
    public static class Builder extends AbstractEventStorageEngine.Builder {

        private MongoDatabase database;
        private String eventsCollection = "events";
        private String snapshotsCollection = "snapshots";
        private String sequencesCollection = "sequences";
        private Duration gapTimeout = Duration.ofSeconds(10);
        private int batchSize = 100;
        private int maxCommitBatchEvents = 1000;
        private Clock clock = Clock.systemUTC();
        private long chainCacheSize = 10_000;
        private Consumer<List<Document>> beforeInsert = documents -> {};
        private Serializer eventSerializer;
        private boolean snapshotSerializerSet;

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            this.snapshotSerializerSet = true;
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        /** Not used: this engine detects conflicts from the unique stream-key index itself. */
        @Override
        public Builder persistenceExceptionResolver(PersistenceExceptionResolver persistenceExceptionResolver) {
            super.persistenceExceptionResolver(persistenceExceptionResolver);
            return this;
        }

        /** Sets the serializer of payloads and metadata; it must write JSON, such as Axon's JacksonSerializer. */
        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            this.eventSerializer = eventSerializer;
            return this;
        }

        @Override
        public Builder snapshotFilter(Predicate<? super DomainEventData<?>> snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        public Builder snapshotFilter(SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        public Builder eventsCollection(String name) {
            this.eventsCollection = name;
            return this;
        }

        public Builder snapshotsCollection(String name) {
            this.snapshotsCollection = name;
            return this;
        }

        /** Sets the collection of the position counter document, whose {@code _id} is the events collection name. */
        public Builder sequencesCollection(String name) {
            this.sequencesCollection = name;
            return this;
        }

        /** Sets how long a tracking reader waits for a missing position before fencing it with a void document. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        /** Sets how many positions a tracking reader requests per query (also the window of head tokens). */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the maximum number of events one group-commit batch takes from waiting appends. */
        public Builder maxCommitBatchEvents(int maxCommitBatchEvents) {
            this.maxCommitBatchEvents = maxCommitBatchEvents;
            return this;
        }

        /** Sets the clock of write times, void documents and the gap timeout. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Sets how many aggregates' last event hashes are kept in memory for chaining new events. */
        public Builder chainCacheSize(long chainCacheSize) {
            this.chainCacheSize = chainCacheSize;
            return this;
        }

        /** Runs after positions are allocated and before the insert; lets tests hold a writer in between. */
        Builder beforeInsert(Consumer<List<Document>> beforeInsert) {
            this.beforeInsert = beforeInsert;
            return this;
        }

        @Override
        protected void validate() throws AxonConfigurationException {
            if (database == null) {
                throw new AxonConfigurationException("The MongoDatabase is missing: set it with database(..).");
            }
            if (eventSerializer == null) {
                throw new AxonConfigurationException("The event serializer is missing: set a JSON serializer such as"
                        + " JacksonSerializer with eventSerializer(..).");
            }
            requireName(eventsCollection, "eventsCollection");
            requireName(snapshotsCollection, "snapshotsCollection");
            requireName(sequencesCollection, "sequencesCollection");
            if (gapTimeout == null || gapTimeout.isNegative() || gapTimeout.isZero()) {
                throw new AxonConfigurationException("gapTimeout must be positive, got " + gapTimeout + ".");
            }
            if (batchSize < 1 || maxCommitBatchEvents < 1 || chainCacheSize < 0) {
                throw new AxonConfigurationException("batchSize and maxCommitBatchEvents must be at least 1 and"
                        + " chainCacheSize at least 0, got " + batchSize + ", " + maxCommitBatchEvents + " and "
                        + chainCacheSize + ".");
            }
            if (clock == null) {
                throw new AxonConfigurationException("The clock is missing.");
            }
            if (!snapshotSerializerSet) {
                super.snapshotSerializer(eventSerializer);
            }
            super.validate();
        }

        private static void requireName(String name, String property) {
            if (name == null || name.isBlank()) {
                throw new AxonConfigurationException(property + " must be a collection name, got [" + name + "].");
            }
        }

        /** Validates the settings and creates the engine, which creates its indexes at once. */
        public MongoEventStorageEngine build() {
            validate();
            return new MongoEventStorageEngine(this);
        }
    }
}
