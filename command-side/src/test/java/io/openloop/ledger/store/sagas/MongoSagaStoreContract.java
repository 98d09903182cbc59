package io.openloop.ledger.store.sagas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.openloop.ledger.store.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.Saga;
import org.axonframework.modelling.saga.repository.AnnotatedSagaRepository;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link MongoSagaStore} as Axon's saga repository relies on it. Subclasses choose the server. */
abstract class MongoSagaStoreContract {

    static final Duration GRACE_PERIOD = Duration.ofMinutes(5);
    static final AssociationValue PAYMENT = new AssociationValue("paymentId", "p-1");
    static final AssociationValue ORDER = new AssociationValue("orderId", "o-1");
    static final AssociationValue REFUND = new AssociationValue("refundId", "r-1");

    /** A saga state that the JacksonSerializer writes and reads. */
    record PaymentSaga(String paymentId, int step) {}

    /** A second saga type, to show that associations are kept per type. */
    record RefundSaga(String refundId) {}

    final Serializer serializer = JacksonSerializer.defaultSerializer();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    MongoDatabase database;
    MongoSagaStore store;

    /** Returns a database that no other test uses. */
    protected abstract MongoDatabase newDatabase();

    @BeforeEach
    void createStore() {
        database = newDatabase();
        store = MongoSagaStore.builder()
                .database(database)
                .serializer(serializer)
                .clock(clock)
                .danglingAssociationGracePeriod(GRACE_PERIOD)
                .build();
        store.createIndexes();
    }

    @Test
    void insertedSagaIsFoundByEachAssociation() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-1");
        assertThat(store.findSagas(PaymentSaga.class, ORDER)).containsExactly("saga-1");
    }

    @Test
    void loadSagaReturnsStateAndAssociations() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));

        SagaStore.Entry<PaymentSaga> entry = store.loadSaga(PaymentSaga.class, "saga-1");

        assertThat(entry.saga()).isEqualTo(new PaymentSaga("p-1", 1));
        assertThat(entry.associationValues()).containsExactlyInAnyOrder(PAYMENT, ORDER);
    }

    @Test
    void loadSagaOfUnknownIdReturnsNull() {
        assertThat(store.loadSaga(PaymentSaga.class, "unknown")).isNull();
    }

    @Test
    void findSagasOfUnknownAssociationIsEmpty() {
        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).isEmpty();
    }

    @Test
    void updateSagaReplacesStateAndAssociations() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));
        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(PAYMENT, ORDER));
        associations.remove(ORDER);
        associations.add(REFUND);

        store.updateSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 2), associations);

        SagaStore.Entry<PaymentSaga> entry = store.loadSaga(PaymentSaga.class, "saga-1");
        assertThat(entry.saga()).isEqualTo(new PaymentSaga("p-1", 2));
        assertThat(entry.associationValues()).containsExactlyInAnyOrder(PAYMENT, REFUND);
        assertThat(store.findSagas(PaymentSaga.class, ORDER)).isEmpty();
        assertThat(store.findSagas(PaymentSaga.class, REFUND)).containsExactly("saga-1");
        assertThat(associationDocument(PaymentSaga.class, ORDER)).isNull();
    }

    @Test
    void updateSagaOfMissingSagaLeavesNoAssociation() {
        AssociationValuesImpl associations = new AssociationValuesImpl();
        associations.add(REFUND);

        store.updateSaga(PaymentSaga.class, "missing", new PaymentSaga("p-1", 2), associations);

        assertThat(store.findSagas(PaymentSaga.class, REFUND)).isEmpty();
        assertThat(associationDocument(PaymentSaga.class, REFUND)).isNull();
    }

    @Test
    void deleteSagaRemovesSagaAndAssociations() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));

        store.deleteSaga(PaymentSaga.class, "saga-1", Set.of(PAYMENT, ORDER));

        assertThat(store.loadSaga(PaymentSaga.class, "saga-1")).isNull();
        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).isEmpty();
        assertThat(store.findSagas(PaymentSaga.class, ORDER)).isEmpty();
        assertThat(database.getCollection("sagaAssociations").countDocuments()).isZero();
    }

    @Test
    void deleteSagaInPrepareCommitWaitsForCommit() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));
        AtomicReference<Object> seenByLaterHandler = new AtomicReference<>();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> store.deleteSaga(PaymentSaga.class, "saga-1", Set.of(PAYMENT, ORDER)));
        unitOfWork.onPrepareCommit(u -> seenByLaterHandler.set(store.loadSaga(PaymentSaga.class, "saga-1")));
        unitOfWork.commit();

        assertThat(seenByLaterHandler.get()).isNotNull();
        assertThat(store.loadSaga(PaymentSaga.class, "saga-1")).isNull();
        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).isEmpty();
        assertThat(store.findSagas(PaymentSaga.class, ORDER)).isEmpty();
    }

    @Test
    void deleteSagaIsSkippedWhenLaterPrepareCommitFails() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT));

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.onPrepareCommit(u -> store.deleteSaga(PaymentSaga.class, "saga-1", Set.of(PAYMENT)));
        unitOfWork.onPrepareCommit(u -> {
            throw new IllegalStateException("event append failed");
        });

        assertThatThrownBy(unitOfWork::commit).isInstanceOf(IllegalStateException.class);
        assertThat(store.loadSaga(PaymentSaga.class, "saga-1")).isNotNull();
        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-1");
    }

    @Test
    void deleteSagaRemovesStoredAssociationsMissingFromArgument() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT, ORDER));

        store.deleteSaga(PaymentSaga.class, "saga-1", Set.of(PAYMENT));

        assertThat(store.findSagas(PaymentSaga.class, ORDER)).isEmpty();
    }

    @Test
    void deleteSagaKeepsOtherSagasOfSameAssociation() {
        AssociationValue customer = new AssociationValue("customerId", "c-1");
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(customer));
        store.insertSaga(PaymentSaga.class, "saga-2", new PaymentSaga("p-2", 1), Set.of(customer));

        store.deleteSaga(PaymentSaga.class, "saga-1", Set.of(customer));

        assertThat(store.findSagas(PaymentSaga.class, customer)).containsExactly("saga-2");
    }

    @Test
    void associationsAreKeptPerSagaType() {
        store.insertSaga(PaymentSaga.class, "payment-saga", new PaymentSaga("p-1", 1), Set.of(ORDER));
        store.insertSaga(RefundSaga.class, "refund-saga", new RefundSaga("r-1"), Set.of(ORDER));

        assertThat(store.findSagas(PaymentSaga.class, ORDER)).containsExactly("payment-saga");
        assertThat(store.findSagas(RefundSaga.class, ORDER)).containsExactly("refund-saga");
    }

    @Test
    void separatorsInAssociationsStayDistinct() {
        AssociationValue keyWithEquals = new AssociationValue("a=b", "c");
        AssociationValue valueWithEquals = new AssociationValue("a", "b=c");
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(keyWithEquals));
        store.insertSaga(PaymentSaga.class, "saga-2", new PaymentSaga("p-2", 1), Set.of(valueWithEquals));

        assertThat(store.findSagas(PaymentSaga.class, keyWithEquals)).containsExactly("saga-1");
        assertThat(store.findSagas(PaymentSaga.class, valueWithEquals)).containsExactly("saga-2");
    }

    @Test
    void danglingAssociationIsSkippedOnLoad() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT));
        deleteSagaDocumentOnly("saga-1");

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-1");
        assertThat(store.loadSaga(PaymentSaga.class, "saga-1")).isNull();
    }

    @Test
    void sagaRepositorySkipsDanglingAssociation() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT));
        store.insertSaga(PaymentSaga.class, "saga-2", new PaymentSaga("p-1", 2), Set.of(PAYMENT));
        deleteSagaDocumentOnly("saga-1");
        AnnotatedSagaRepository<PaymentSaga> repository = AnnotatedSagaRepository.<PaymentSaga>builder()
                .sagaType(PaymentSaga.class)
                .sagaStore(store)
                .build();

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        List<String> loaded = new ArrayList<>();
        try {
            for (String sagaId : repository.find(PAYMENT)) {
                Saga<PaymentSaga> saga = repository.load(sagaId);
                if (saga != null) {
                    loaded.add(saga.getSagaIdentifier());
                }
            }
        } finally {
            unitOfWork.rollback();
        }

        assertThat(loaded).containsExactly("saga-2");
    }

    @Test
    void danglingAssociationIsRemovedAfterGracePeriod() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT));
        deleteSagaDocumentOnly("saga-1");
        clock.advance(GRACE_PERIOD.plusSeconds(1));
        store.findSagas(PaymentSaga.class, PAYMENT);
        store.loadSaga(PaymentSaga.class, "saga-1");

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).isEmpty();
        assertThat(associationDocument(PaymentSaga.class, PAYMENT)).isNull();
    }

    @Test
    void danglingAssociationWithinGracePeriodIsKept() {
        // The state an insert leaves between its writes, or after a crash there.
        new AssociationIndex(database.getCollection("sagaAssociations"), clock)
                .add(PaymentSaga.class.getName(), PAYMENT, "saga-in-flight");
        store.loadSaga(PaymentSaga.class, "saga-in-flight");

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-in-flight");
        assertThat(storedSagaIds(PaymentSaga.class, PAYMENT)).containsExactly("saga-in-flight");
    }

    @Test
    void removingDanglingAssociationKeepsExistingSagas() {
        store.insertSaga(PaymentSaga.class, "saga-1", new PaymentSaga("p-1", 1), Set.of(PAYMENT));
        store.insertSaga(PaymentSaga.class, "saga-2", new PaymentSaga("p-1", 2), Set.of(PAYMENT));
        deleteSagaDocumentOnly("saga-1");
        clock.advance(GRACE_PERIOD.plusSeconds(1));
        store.loadSaga(PaymentSaga.class, "saga-1");

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-2");
        assertThat(storedSagaIds(PaymentSaga.class, PAYMENT)).containsExactly("saga-2");
    }

    @Test
    void sagaWrittenAfterLoadMissIsNotRemoved() {
        AssociationIndex index = new AssociationIndex(database.getCollection("sagaAssociations"), clock);
        index.add(PaymentSaga.class.getName(), PAYMENT, "saga-late");
        store.loadSaga(PaymentSaga.class, "saga-late");
        store.insertSaga(PaymentSaga.class, "saga-late", new PaymentSaga("p-1", 1), Set.of(PAYMENT));
        clock.advance(GRACE_PERIOD.plusSeconds(1));

        assertThat(store.findSagas(PaymentSaga.class, PAYMENT)).containsExactly("saga-late");
        assertThat(storedSagaIds(PaymentSaga.class, PAYMENT)).containsExactly("saga-late");
    }

    @Test
    void createIndexesCreatesUniqueIdVersionIndex() {
        List<Document> indexes = new ArrayList<>();
        database.getCollection("sagaAssociations").listIndexes().into(indexes);

        assertThat(indexes)
                .filteredOn(index -> "_id_version".equals(index.getString("name")))
                .singleElement()
                .satisfies(index -> assertThat(index.getBoolean("unique")).isTrue());
    }

    @Test
    void builderRejectsMissingDatabase() {
        assertThatThrownBy(() -> MongoSagaStore.builder().serializer(serializer).build())
                .isInstanceOf(AxonConfigurationException.class);
    }

    @Test
    void builderRejectsMissingSerializer() {
        assertThatThrownBy(() -> MongoSagaStore.builder().database(database).build())
                .isInstanceOf(AxonConfigurationException.class);
    }

    /** Leaves the state of a delete that stopped after its first write: associations of a deleted saga. */
    void deleteSagaDocumentOnly(String sagaId) {
        database.getCollection("sagas").deleteOne(Filters.eq("_id", sagaId));
    }

    Document associationDocument(Class<?> sagaType, AssociationValue association) {
        return database.getCollection("sagaAssociations")
                .find(Filters.eq("_id", AssociationIndex.associationId(sagaType.getName(), association)))
                .first();
    }

    List<String> storedSagaIds(Class<?> sagaType, AssociationValue association) {
        return associationDocument(sagaType, association).getList("sagaIds", String.class);
    }
}
