package io.openloop.ledger.store.deadlines;

import static com.mongodb.client.model.Filters.eq;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.DEADLINE_NAME;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.ID;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.SCOPE_KEY;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.deadlineName;
import static io.openloop.ledger.store.deadlines.DeadlineDocuments.scheduleId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import io.openloop.ledger.store.deadlines.DeadlinePoller.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.AbstractDeadlineManager;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.lifecycle.Lifecycle;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.ScopeAware;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.tracing.Span;
import org.axonframework.tracing.SpanScope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@code DeadlineManager} that keeps each scheduled deadline as a document in a MongoDB collection, so deadlines
 * survive a restart and several nodes can share one database (see {@link DeadlineDocuments} for the document).
 *
 * <p>Scheduling and cancelling run when the active unit of work prepares its commit, or at once without one, so a
 * rolled-back command schedules and cancels nothing. The schedule id is the deadline message's identifier.
 *
 * <p>Once started, a poller thread per manager finds due deadlines, claims each with a conditional update that names
 * this node, and fires it into its scope in a unit of work with the handler interceptors. A deadline that fired is
 * deleted. One whose handler throws is released and retried after a backoff that doubles up to a maximum, as often as
 * it takes. One whose scope no aggregate or saga resolves is logged and dropped. Deadlines that fell due while no node
 * ran fire at the first poll after a start. A deadline fires once unless a node holds it past its claim lease, or a
 * node stops between running the handler and deleting the document; then it fires again.
 *
 * <p>Instances are thread-safe. Create them with {@link #builder()}, create the indexes of {@link #indexModels()}
 * once, for example with {@link #createIndexes()}, and start and stop them through Axon's lifecycle or with
 * {@link #start()} and {@link #shutdown()}.
 */
public class MongoDeadlineManager extends AbstractDeadlineManager implements Lifecycle {

    private static final Logger logger = LoggerFactory.getLogger(MongoDeadlineManager.class);

    private final MongoCollection<Document> deadlines;
    private final DeadlineDocuments documents;
    private final ScopeAwareProvider scopeAwareProvider;
    private final TransactionManager transactionManager;
    private final DeadlineManagerSpanFactory spanFactory;
    private final Clock clock;
    private final DeadlinePoller poller;

    MongoDeadlineManager(MongoDeadlineManagerBuilder builder) {
        this.deadlines = builder.database().getCollection(builder.collectionName());
        this.documents = new DeadlineDocuments(builder.serializer());
        this.scopeAwareProvider = builder.scopeAwareProvider();
        this.transactionManager = builder.transactionManager();
        this.spanFactory = builder.spanFactory();
        this.clock = builder.clock();
        DeadlineClaims claims = new DeadlineClaims(deadlines, builder.nodeId(), builder.claimLease(), clock);
        this.poller = new DeadlinePoller(claims, this::fire, builder);
    }

    /** Returns a builder; the database, the serializer and the scope-aware provider are required. */
    public static MongoDeadlineManagerBuilder builder() {
        return new MongoDeadlineManagerBuilder();
    }

    /** Returns the indexes of the deadline collection that the manager's queries and writes rely on. */
    public List<IndexModel> indexModels() {
        return DeadlineDocuments.indexModels();
    }

    /** Creates the indexes of {@link #indexModels()}; creating an existing index does nothing. */
    public void createIndexes() {
        deadlines.createIndexes(indexModels());
    }

    @Override
    public String schedule(
            Instant triggerDateTime, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        DeadlineMessage<Object> message =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        String scheduleId = message.getIdentifier();
        Span span = spanFactory.createScheduleSpan(deadlineName, scheduleId, message);
        runOnPrepareCommitOrNow(span.wrapRunnable(() -> {
            DeadlineMessage<Object> intercepted = processDispatchInterceptors(message);
            // Serialized here, not earlier, because an aggregate's identifier may be set only later in its handler.
            deadlines.insertOne(documents.newDeadline(scheduleId, intercepted, deadlineScope, triggerDateTime));
            logger.debug("Scheduled deadline [{}] named [{}] for {}", scheduleId, deadlineName, triggerDateTime);
        }));
        return scheduleId;
    }

    /** Schedules the deadline {@code triggerDuration} after the manager's clock reads now. */
    @Override
    public String schedule(
            Duration triggerDuration, String deadlineName, Object messageOrPayload, ScopeDescriptor deadlineScope) {
        return schedule(clock.instant().plus(triggerDuration), deadlineName, messageOrPayload, deadlineScope);
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        Span span = spanFactory.createCancelScheduleSpan(deadlineName, scheduleId);
        runOnPrepareCommitOrNow(span.wrapRunnable(() -> {
            // A plain document, so mongo-java-server serves the filter from the unique index on _id and name.
            Document filter = new Document(ID, scheduleId).append(DEADLINE_NAME, deadlineName);
            long deleted = deadlines.deleteOne(filter).getDeletedCount();
            logger.debug("Cancelled deadline [{}] named [{}]: {} deleted", scheduleId, deadlineName, deleted);
        }));
    }

    @Override
    public void cancelAll(String deadlineName) {
        Span span = spanFactory.createCancelAllSpan(deadlineName);
        runOnPrepareCommitOrNow(span.wrapRunnable(() -> {
            long deleted = deadlines.deleteMany(eq(DEADLINE_NAME, deadlineName)).getDeletedCount();
            logger.debug("Cancelled {} deadlines named [{}]", deleted, deadlineName);
        }));
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        Span span = spanFactory.createCancelAllWithinScopeSpan(deadlineName, scope);
        runOnPrepareCommitOrNow(span.wrapRunnable(() -> {
            Document filter = new Document(DEADLINE_NAME, deadlineName).append(SCOPE_KEY, documents.scopeKey(scope));
            long deleted = deadlines.deleteMany(filter).getDeletedCount();
            logger.debug(
                    "Cancelled {} deadlines named [{}] within [{}]", deleted, deadlineName, scope.scopeDescription());
        }));
    }

    /** Starts the poller thread; starting a started manager does nothing. */
    public void start() {
        poller.start();
    }

    /** Stops the poller thread, waiting up to the shutdown timeout for a running handler; safe to call twice. */
    @Override
    public void shutdown() {
        poller.stop();
    }

    /** Returns whether the poller thread is started and not stopped. */
    public boolean isRunning() {
        return poller.isRunning();
    }

    @Override
    public void registerLifecycleHandlers(LifecycleRegistry lifecycle) {
        lifecycle.onStart(Phase.INBOUND_EVENT_CONNECTORS, this::start);
        lifecycle.onShutdown(Phase.INBOUND_EVENT_CONNECTORS, this::shutdown);
    }

    /** Runs one poll on the calling thread, as the poller thread does every interval, also when it is stopped. */
    void pollNow() {
        poller.pollNow();
    }

    private Result fire(Document claimed) throws Exception {
        ScopeDescriptor scope = documents.scope(claimed);
        if (scopeAwareProvider.provideScopeAwareStream(scope).noneMatch(component -> component.canResolve(scope))) {
            return Result.SCOPE_NOT_RESOLVED;
        }

        DeadlineMessage<?> message = documents.message(claimed);
        Span span = spanFactory
                .createExecuteSpan(deadlineName(claimed), scheduleId(claimed), message)
                .start();
        try (SpanScope ignored = span.makeCurrent()) {
            UnitOfWork<DeadlineMessage<?>> unitOfWork = new DefaultUnitOfWork<>(message);
            unitOfWork.attachTransaction(transactionManager);
            DefaultInterceptorChain<DeadlineMessage<?>> chain =
                    new DefaultInterceptorChain<>(unitOfWork, handlerInterceptors(), intercepted -> {
                        send(intercepted, scope);
                        return null;
                    });
            ResultMessage<?> result = unitOfWork.executeWithResult(chain::proceed);
            if (result.isExceptional()) {
                Throwable failure = result.exceptionResult();
                span.recordException(failure);
                throw failure instanceof Exception exception ? exception : new IllegalStateException(failure);
            }
            return Result.FIRED;
        } finally {
            span.end();
        }
    }

    private void send(DeadlineMessage<?> message, ScopeDescriptor scope) throws Exception {
        for (ScopeAware component :
                scopeAwareProvider.provideScopeAwareStream(scope).toList()) {
            if (component.canResolve(scope)) {
                component.send(message, scope);
            }
        }
    }
}
