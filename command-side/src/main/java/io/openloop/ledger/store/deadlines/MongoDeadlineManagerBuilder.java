package io.openloop.ledger.store.deadlines;

import static org.axonframework.common.BuilderUtils.assertNonEmpty;
import static org.axonframework.common.BuilderUtils.assertNonNull;
import static org.axonframework.common.BuilderUtils.assertStrictPositive;
import static org.axonframework.common.BuilderUtils.assertThat;

import com.mongodb.client.MongoDatabase;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DefaultDeadlineManagerSpanFactory;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.tracing.NoOpSpanFactory;

/**
 * Builder of {@link MongoDeadlineManager}. The {@link MongoDatabase}, the {@link Serializer} and the
 * {@link ScopeAwareProvider} are required. Defaults: collection {@code deadlines}, node id the JVM's
 * {@code pid@host} plus a random suffix, poll interval 1 second, batch size 100, claim lease 1 minute, retry delay
 * 1 second doubling up to 5 minutes, shutdown timeout 30 seconds, system UTC clock, no transaction manager, no tracing.
 *
 * <p>Setters raise {@link AxonConfigurationException} on a null, empty, zero or negative value, and {@link #build()}
 * raises it when a required value is missing.
 */
public final class MongoDeadlineManagerBuilder {

    private MongoDatabase database;
    private Serializer serializer;
    private ScopeAwareProvider scopeAwareProvider;
    private String collectionName = "deadlines";
    private String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int batchSize = 100;
    private Duration claimLease = Duration.ofMinutes(1);
    private Duration initialRetryDelay = Duration.ofSeconds(1);
    private Duration maxRetryDelay = Duration.ofMinutes(5);
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Clock clock = Clock.systemUTC();
    private TransactionManager transactionManager = NoTransactionManager.INSTANCE;
    private DeadlineManagerSpanFactory spanFactory = DefaultDeadlineManagerSpanFactory.builder()
            .spanFactory(NoOpSpanFactory.INSTANCE)
            .build();

    MongoDeadlineManagerBuilder() {}

    /** Sets the database that contains the deadline collection. */
    public MongoDeadlineManagerBuilder database(MongoDatabase database) {
        assertNonNull(database, "The MongoDatabase may not be null");
        this.database = database;
        return this;
    }

    /** Sets the serializer of the scope, payload and metadata of each deadline; it must serialize to {@code String}. */
    public MongoDeadlineManagerBuilder serializer(Serializer serializer) {
        assertNonNull(serializer, "The Serializer may not be null");
        this.serializer = serializer;
        return this;
    }

    /** Sets the provider of the aggregates and sagas that a deadline's scope resolves to when it fires. */
    public MongoDeadlineManagerBuilder scopeAwareProvider(ScopeAwareProvider scopeAwareProvider) {
        assertNonNull(scopeAwareProvider, "The ScopeAwareProvider may not be null");
        this.scopeAwareProvider = scopeAwareProvider;
        return this;
    }

    /** Sets the name of the collection with one document per scheduled deadline. */
    public MongoDeadlineManagerBuilder collectionName(String collectionName) {
        assertNonEmpty(collectionName, "The collection name may not be null or empty");
        this.collectionName = collectionName;
        return this;
    }

    /** Sets the id that this node writes into its claims; every node sharing the database needs its own. */
    public MongoDeadlineManagerBuilder nodeId(String nodeId) {
        assertNonEmpty(nodeId, "The node id may not be null or empty");
        this.nodeId = nodeId;
        return this;
    }

    /** Sets the time between the end of one poll for due deadlines and the start of the next. */
    public MongoDeadlineManagerBuilder pollInterval(Duration pollInterval) {
        this.pollInterval = positive(pollInterval, "poll interval");
        return this;
    }

    /** Sets how many due deadlines one query of a poll reads. */
    public MongoDeadlineManagerBuilder batchSize(int batchSize) {
        assertStrictPositive(batchSize, "The batch size must be positive");
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Sets how long a claim keeps other nodes from firing a deadline. It must exceed the longest deadline handler,
     * because another node fires a deadline again once the lease of a node still running it has ended; after a crash,
     * the deadlines the node had claimed fire once their leases end.
     */
    public MongoDeadlineManagerBuilder claimLease(Duration claimLease) {
        this.claimLease = positive(claimLease, "claim lease");
        return this;
    }

    /** Sets the delay after the first failed attempt; it doubles after each further failure. */
    public MongoDeadlineManagerBuilder initialRetryDelay(Duration initialRetryDelay) {
        this.initialRetryDelay = positive(initialRetryDelay, "initial retry delay");
        return this;
    }

    /** Sets the longest delay between two attempts of a failing deadline. */
    public MongoDeadlineManagerBuilder maxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = positive(maxRetryDelay, "maximum retry delay");
        return this;
    }

    /** Sets how long {@link MongoDeadlineManager#shutdown()} waits for a deadline handler that is running. */
    public MongoDeadlineManagerBuilder shutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = positive(shutdownTimeout, "shutdown timeout");
        return this;
    }

    /** Sets the clock that decides which deadlines are due and when claims and retry delays end. */
    public MongoDeadlineManagerBuilder clock(Clock clock) {
        assertNonNull(clock, "The Clock may not be null");
        this.clock = clock;
        return this;
    }

    /** Sets the transaction manager attached to the unit of work in which a deadline fires. */
    public MongoDeadlineManagerBuilder transactionManager(TransactionManager transactionManager) {
        assertNonNull(transactionManager, "The TransactionManager may not be null");
        this.transactionManager = transactionManager;
        return this;
    }

    /** Sets the factory of the tracing spans around scheduling, cancelling and firing. */
    public MongoDeadlineManagerBuilder spanFactory(DeadlineManagerSpanFactory spanFactory) {
        assertNonNull(spanFactory, "The DeadlineManagerSpanFactory may not be null");
        this.spanFactory = spanFactory;
        return this;
    }

    /**
     * Builds the manager, which polls once started; raises {@link AxonConfigurationException} when the database, the
     * serializer or the scope-aware provider is missing, or when the maximum retry delay is below the initial one.
     */
    public MongoDeadlineManager build() {
        assertNonNull(database, "The MongoDatabase is a hard requirement and should be provided");
        assertNonNull(serializer, "The Serializer is a hard requirement and should be provided");
        assertNonNull(scopeAwareProvider, "The ScopeAwareProvider is a hard requirement and should be provided");
        assertThat(
                maxRetryDelay,
                max -> max.compareTo(initialRetryDelay) >= 0,
                "The maximum retry delay may not be shorter than the initial retry delay");
        return new MongoDeadlineManager(this);
    }

    private static Duration positive(Duration duration, String name) {
        assertNonNull(duration, "The " + name + " may not be null");
        assertThat(duration, value -> !value.isNegative() && !value.isZero(), "The " + name + " must be positive");
        return duration;
    }

    MongoDatabase database() {
        return database;
    }

    Serializer serializer() {
        return serializer;
    }

    ScopeAwareProvider scopeAwareProvider() {
        return scopeAwareProvider;
    }

    String collectionName() {
        return collectionName;
    }

    String nodeId() {
        return nodeId;
    }

    Duration pollInterval() {
        return pollInterval;
    }

    int batchSize() {
        return batchSize;
    }

    Duration claimLease() {
        return claimLease;
    }

    Duration initialRetryDelay() {
        return initialRetryDelay;
    }

    Duration maxRetryDelay() {
        return maxRetryDelay;
    }

    Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    Clock clock() {
        return clock;
    }

    TransactionManager transactionManager() {
        return transactionManager;
    }

    DeadlineManagerSpanFactory spanFactory() {
        return spanFactory;
    }
}
