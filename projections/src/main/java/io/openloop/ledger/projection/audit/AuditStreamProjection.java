package io.openloop.ledger.projection.audit;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.openloop.ledger.projection.audit.StreamLoops.Mentions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds {@value AuditReadModels#AUDIT_STREAMS}, the stream index that records which loops each stream of the event
 * store is about, from every event.
 *
 * <p>Idempotent and rebuildable by replay: each event upserts its stream's document, adds the loops it names with
 * {@code $addToSet} and sets a proof's subject, so a redelivered event changes nothing. Events of one stream arrive in
 * sequence order, so {@code loops} lists the loops in the order the stream first named them on every rebuild.
 */
@Component
@ProcessingGroup(AuditStreamProjection.PROCESSING_GROUP)
class AuditStreamProjection {

    static final String PROCESSING_GROUP = "audit-streams";

    /** How many streams the projection remembers as written, to skip writes that would change nothing. */
    private static final int REMEMBERED_STREAMS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(AuditStreamProjection.class);

    private final MongoCollection<Document> streams;
    private final Map<String, Mentions> written = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mentions> eldest) {
            return size() > REMEMBERED_STREAMS;
        }
    };

    AuditStreamProjection(MongoDatabase database) {
        this.streams = database.getCollection(AuditReadModels.AUDIT_STREAMS);
        // NOTE: the in-process store ignores this index, so a query by loop scans the collection there. MongoDB serves
        // it from the index. The export looks streams up by _id only.
        streams.createIndexes(List.of(new IndexModel(Indexes.ascending(AuditReadModels.LOOPS))));
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        String stream = message.getIdentifier();
        String aggregateType = null;
        if (message instanceof DomainEventMessage<?> domain && domain.getAggregateIdentifier() != null) {
            stream = domain.getAggregateIdentifier();
            aggregateType = domain.getType();
        }
        Mentions mentions = StreamLoops.mentionsOf(StreamLoops.toJson(payload));
        if (alreadyWritten(stream, mentions)) {
            return;
        }

        List<Bson> updates = new ArrayList<>();
        updates.add(Updates.setOnInsert(AuditReadModels.AGGREGATE_TYPE, aggregateType));
        if (!mentions.loops().isEmpty()) {
            updates.add(Updates.addEachToSet(AuditReadModels.LOOPS, new ArrayList<>(mentions.loops())));
        } else {
            updates.add(Updates.setOnInsert(AuditReadModels.LOOPS, List.of()));
        }
        if (mentions.subjectStream() != null) {
            updates.add(Updates.set(AuditReadModels.SUBJECT, mentions.subjectStream()));
        }
        streams.updateOne(eq("_id", stream), Updates.combine(updates), new UpdateOptions().upsert(true));
        remember(stream, mentions);
    }

    @ResetHandler
    void reset() {
        log.info("Resetting the {} read model before replay", AuditReadModels.AUDIT_STREAMS);
        synchronized (written) {
            written.clear();
        }
        streams.deleteMany(new Document());
    }

    private boolean alreadyWritten(String stream, Mentions mentions) {
        synchronized (written) {
            Mentions known = written.get(stream);
            return known != null
                    && known.loops().containsAll(mentions.loops())
                    && (mentions.subjectStream() == null
                            || mentions.subjectStream().equals(known.subjectStream()));
        }
    }

    private void remember(String stream, Mentions mentions) {
        synchronized (written) {
            Mentions known = written.get(stream);
            written.put(stream, known == null ? mentions : known.merge(mentions));
        }
    }
}
