package io.openloop.ledger.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import io.openloop.ledger.projection.audit.AuditReadModels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Lists the streams about one loop from the stream index ({@value AuditReadModels#AUDIT_STREAMS}): the streams whose
 * events name the loop, and the proofs whose subject is one of them.
 *
 * <p>NOTE: the index is a projection, so a stream whose first event is not indexed yet is left out until it is.
 */
@Component
public class LoopStreamIndex {

    private static final int SUBJECTS_PER_QUERY = 1000;

    private final MongoCollection<Document> index;

    LoopStreamIndex(MongoDatabase database) {
        this.index = database.getCollection(AuditReadModels.AUDIT_STREAMS);
    }

    /** Returns the streams about {@code loopId}, each once. */
    public List<String> streamsAbout(String loopId) {
        Set<String> streams = new LinkedHashSet<>();
        for (Document stream : index.find(eq(AuditReadModels.LOOPS, loopId)).projection(Projections.include("_id"))) {
            streams.add(stream.getString("_id"));
        }

        List<String> subjects = new ArrayList<>(streams);
        for (int start = 0; start < subjects.size(); start += SUBJECTS_PER_QUERY) {
            List<String> batch = subjects.subList(start, Math.min(subjects.size(), start + SUBJECTS_PER_QUERY));
            for (Document proof :
                    index.find(in(AuditReadModels.SUBJECT, batch)).projection(Projections.include("_id"))) {
                streams.add(proof.getString("_id"));
            }
        }
        return List.copyOf(streams);
    }
}
