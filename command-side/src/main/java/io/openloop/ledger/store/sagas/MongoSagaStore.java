package io.openloop.ledger.store.sagas;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValues;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon {@link SagaStore} on two MongoDB collections: one document per saga, and an association index with one
 * document per saga type and association value (see {@link AssociationIndex}). Every lookup is by {@code _id}.
 *
 * <p>Saga document: {@code {_id: sagaId, type, revision, saga, associations: [{key, value}]}}, where {@code saga} is
 * the serializer's {@code String} form and {@code associations} is the saga's current set, which {@link #loadSaga}
 * returns.
 *
 * <p>Without transactions a crash can stop a change between its writes, so the writes are ordered to leave only
 * association entries that point at a saga document that does not exist: entries are added before the saga document
 * is written and removed after it is deleted. {@link #loadSaga} returns {@code null} for such an id, which Axon's saga
 * repository skips. {@link #findSagas} removes a dangling id on the first lookup of that association after this store
 * found the saga missing, and only when the association gained no saga id during the grace period, because an insert on
 * another thread may be between its two writes. Other crashes leave an entry for an association the saga document no
 * longer lists; Axon invokes a saga only for associations in its loaded set, and the entry is removed when the saga is
 * deleted.
 *
 * <p>Instances are thread-safe. Create them with {@link #builder()} and create the indexes of
 * {@link #associationIndexModels()} once, for example with {@link #createIndexes()}.
 */
public class MongoSagaStore implements SagaStore<Object> {

    private static final Logger logger = LoggerFactory.getLogger(MongoSagaStore.class);

    static final String ID = "_id";
    static final String TYPE = "type";
    static final String REVISION = "revision";
    static final String SAGA = "saga";
    static final String ASSOCIATIONS = "associations";

    private final MongoCollection<Document> sagas;
    private final MongoCollection<Document> associationCollection;
    private final AssociationIndex associations;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration gracePeriod;
    private final Cache<String, Boolean> missingSagaIds;

    MongoSagaStore(MongoSagaStoreBuilder builder) {
        this.sagas = builder.database().getCollection(builder.sagaCollectionName());
        this.associationCollection = builder.database().getCollection(builder.associationCollectionName());
        this.associations = new AssociationIndex(associationCollection, builder.clock());
        this.serializer = builder.serializer();
        this.clock = builder.clock();
        this.gracePeriod = builder.danglingAssociationGracePeriod();
        // NOTE: the ids are remembered in this process only, so after a restart a dangling id is removed once a load
        // has found its saga missing again.
        this.missingSagaIds = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(gracePeriod.plusHours(1))
                .build();
    }

    /** Returns a builder; the database and the serializer are required. */
    public static MongoSagaStoreBuilder builder() {
        return new MongoSagaStoreBuilder();
    }

    /** Returns the indexes of the association collection; the saga collection needs only its {@code _id} index. */
    public List<IndexModel> associationIndexModels() {
        return AssociationIndex.indexModels();
    }

    /** Creates the indexes of {@link #associationIndexModels()}; creating an existing index does nothing. */
    public void createIndexes() {
        associationCollection.createIndexes(associationIndexModels());
    }

    @Override
    public Set<String> findSagas(Class<?> sagaType, AssociationValue associationValue) {
        Document association = associations.find(typeName(sagaType), associationValue);
        if (association == null) {
            return new TreeSet<>();
        }
        Set<String> sagaIds = new TreeSet<>(AssociationIndex.sagaIds(association));

        Set<String> suspects = new HashSet<>(sagaIds);
        suspects.retainAll(missingSagaIds.asMap().keySet());
        if (!suspects.isEmpty()) {
            sagaIds.removeAll(removeDangling(association, suspects));
        }
        return sagaIds;
    }

    @Override
    public <S> Entry<S> loadSaga(Class<S> sagaType, String sagaIdentifier) {
        Document document = sagas.find(eq(ID, sagaIdentifier)).first();
        if (document == null) {
            missingSagaIds.put(sagaIdentifier, Boolean.TRUE);
            logger.debug("Saga [{}] of type [{}] not found", sagaIdentifier, sagaType.getName());
            return null;
        }

        SimpleSerializedObject<String> serialized = new SimpleSerializedObject<>(
                document.getString(SAGA), String.class, document.getString(TYPE), document.getString(REVISION));
        S saga = serializer.deserialize(serialized);
        return new SagaEntry<>(saga, readAssociations(document));
    }

    @Override
    public void insertSaga(
            Class<?> sagaType, String sagaIdentifier, Object saga, Set<AssociationValue> associationValues) {
        String typeName = typeName(sagaType);
        for (AssociationValue association : associationValues) {
            associations.add(typeName, association, sagaIdentifier);
        }

        Document document = withSerializedSaga(new Document(ID, sagaIdentifier), saga)
                .append(ASSOCIATIONS, writeAssociations(associationValues));
        sagas.insertOne(document);
        logger.debug("Inserted saga [{}] of type [{}]", sagaIdentifier, typeName);
    }

    @Override
    public void updateSaga(Class<?> sagaType, String sagaIdentifier, Object saga, AssociationValues associationValues) {
        String typeName = typeName(sagaType);
        for (AssociationValue added : associationValues.addedAssociations()) {
            associations.add(typeName, added, sagaIdentifier);
        }

        Document fields = withSerializedSaga(new Document(), saga);
        List<Bson> updates = new ArrayList<>();
        fields.forEach((name, value) -> updates.add(set(name, value)));
        updates.add(set(ASSOCIATIONS, writeAssociations(associationValues.asSet())));
        UpdateResult result = sagas.updateOne(eq(ID, sagaIdentifier), combine(updates));
        if (result.getMatchedCount() == 0) {
            logger.warn(
                    "Could not update saga [{}] of type [{}]: no saga document has that id; it may have been deleted",
                    sagaIdentifier,
                    typeName);
            for (AssociationValue added : associationValues.addedAssociations()) {
                associations.remove(typeName, added, sagaIdentifier);
            }
            return;
        }

        for (AssociationValue removed : associationValues.removedAssociations()) {
            associations.remove(typeName, removed, sagaIdentifier);
        }
        logger.debug("Updated saga [{}] of type [{}]", sagaIdentifier, typeName);
    }

    /**
     * Deletes the saga and its association entries. Called in the prepare-commit phase of a processor's unit of work,
     * the delete waits for its commit phase. Axon 4.13's event bus appends the events of the commands a saga sent in
     * a prepare-commit handler registered after the saga repository's. A process killed between an immediate delete
     * and that append lost the saga's last step, because the retried event found no saga. Deleted in the commit phase,
     * after the events and the processor's token are stored, a crash leaves at worst an ended saga that no further
     * event of its associations reaches.
     */
    @Override
    public void deleteSaga(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
            if (unitOfWork.phase() == UnitOfWork.Phase.PREPARE_COMMIT) {
                Set<AssociationValue> values = Set.copyOf(associationValues);
                unitOfWork.onCommit(u -> deleteNow(sagaType, sagaIdentifier, values));
                return;
            }
        }
        deleteNow(sagaType, sagaIdentifier, associationValues);
    }

    private void deleteNow(Class<?> sagaType, String sagaIdentifier, Set<AssociationValue> associationValues) {
        String typeName = typeName(sagaType);
        Document deleted = sagas.findOneAndDelete(eq(ID, sagaIdentifier));

        Set<AssociationValue> toRemove = new HashSet<>(associationValues);
        if (deleted != null) {
            toRemove.addAll(readAssociations(deleted));
        }
        for (AssociationValue association : toRemove) {
            associations.remove(typeName, association, sagaIdentifier);
        }
        logger.debug("Deleted saga [{}] of type [{}]", sagaIdentifier, typeName);
    }

    /** Returns the suspects it removed from the association: those whose saga documents are still missing. */
    private Set<String> removeDangling(Document association, Set<String> suspects) {
        long addedSince = clock.millis() - gracePeriod.toMillis();
        if (AssociationIndex.lastAddedAt(association) >= addedSince) {
            return Set.of();
        }

        Set<String> dangling = new HashSet<>(suspects);
        sagas.find(in(ID, suspects)).projection(include(ID)).forEach(found -> {
            String id = found.getString(ID);
            dangling.remove(id);
            missingSagaIds.invalidate(id);
        });
        if (dangling.isEmpty() || !associations.removeIfUnchanged(association, dangling)) {
            return Set.of();
        }

        logger.warn(
                "Removed saga ids {} from association [{}]: their saga documents do not exist",
                new TreeSet<>(dangling),
                association.getString(AssociationIndex.ID));
        return dangling;
    }

    private Document withSerializedSaga(Document document, Object saga) {
        SerializedObject<String> serialized = serializer.serialize(saga, String.class);
        document.put(TYPE, serialized.getType().getName());
        document.put(REVISION, serialized.getType().getRevision());
        document.put(SAGA, serialized.getData());
        return document;
    }

    private String typeName(Class<?> sagaType) {
        return serializer.typeForClass(sagaType).getName();
    }

    private static List<Document> writeAssociations(Set<AssociationValue> associationValues) {
        List<Document> written = new ArrayList<>();
        for (AssociationValue association : associationValues) {
            written.add(new Document(AssociationIndex.KEY, association.getKey())
                    .append(AssociationIndex.VALUE, association.getValue()));
        }
        return written;
    }

    private static Set<AssociationValue> readAssociations(Document sagaDocument) {
        Set<AssociationValue> read = new HashSet<>();
        for (Document association : sagaDocument.getList(ASSOCIATIONS, Document.class, List.of())) {
            read.add(new AssociationValue(
                    association.getString(AssociationIndex.KEY), association.getString(AssociationIndex.VALUE)));
        }
        return read;
    }

    private record SagaEntry<S>(S saga, Set<AssociationValue> associationValues) implements Entry<S> {}
}
