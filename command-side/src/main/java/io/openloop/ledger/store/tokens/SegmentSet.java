package io.openloop.ledger.store.tokens;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.set;
import static io.openloop.ledger.store.tokens.TokenDocuments.CLAIMED_AT;
import static io.openloop.ledger.store.tokens.TokenDocuments.ID;
import static io.openloop.ledger.store.tokens.TokenDocuments.MASK;
import static io.openloop.ledger.store.tokens.TokenDocuments.OWNER;
import static io.openloop.ledger.store.tokens.TokenDocuments.PROCESSOR_NAME;
import static io.openloop.ledger.store.tokens.TokenDocuments.SEGMENT;
import static io.openloop.ledger.store.tokens.TokenDocuments.tokenId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.bson.Document;

/**
 * Reads and maintains the set of segments of one processor: their ids, their masks, and the check that a claimed
 * segment was not split or merged by another node in the meantime.
 *
 * <p>Queries by {@code processorName} are served by a non-unique index on MongoDB. mongo-java-server 1.47.0 serves
 * only unique indexes and scans the collection for them instead, which stays cheap because the collection contains one
 * document per segment of each processor.
 */
final class SegmentSet {

    private static final Comparator<Document> BY_SEGMENT = Comparator.comparingInt(d -> d.getInteger(SEGMENT));

    private final MongoCollection<Document> tokens;

    SegmentSet(MongoCollection<Document> tokens) {
        this.tokens = tokens;
    }

    static List<IndexModel> indexModels() {
        return List.of(new IndexModel(Indexes.ascending(PROCESSOR_NAME), new IndexOptions().name(PROCESSOR_NAME)));
    }

    static int[] range(int count) {
        return IntStream.range(0, count).toArray();
    }

    /** Returns the segment ids of the processor in ascending order, or an empty array when it has none. */
    int[] segmentIds(String processorName) {
        return ids(segmentDocuments(processorName, SEGMENT));
    }

    /** Returns the processor's segments that pass {@code claimable}, with masks computed from all its segment ids. */
    List<Segment> claimableSegments(String processorName, Predicate<Document> claimable) {
        List<Document> documents = segmentDocuments(processorName, SEGMENT, OWNER, CLAIMED_AT);
        int[] allIds = ids(documents);
        List<Segment> result = new ArrayList<>();
        for (Document document : documents) {
            if (claimable.test(document)) {
                result.add(Segment.computeSegment(document.getInteger(SEGMENT), allIds));
            }
        }
        return result;
    }

    /**
     * Raises {@link UnableToClaimTokenException} when {@code segment} no longer describes the stored segment set: its
     * merge partner was deleted (a merge) or its split sibling exists (a split). Both lookups are by {@code _id}.
     */
    void verifyUnchanged(String processorName, Segment segment) {
        String mergeableId = tokenId(processorName, segment.mergeableSegmentId());
        String splitId = tokenId(processorName, segment.splitSegmentId());
        Set<Object> found = new HashSet<>();
        tokens.find(in(ID, mergeableId, splitId)).projection(include(ID)).forEach(d -> found.add(d.get(ID)));

        String id = tokenId(processorName, segment.getSegmentId());
        if (!found.contains(mergeableId)) {
            throw new UnableToClaimTokenException(
                    String.format("Unable to claim token [%s]: it has been merged with another segment", id));
        }
        if (found.contains(splitId)) {
            throw new UnableToClaimTokenException(
                    String.format("Unable to claim token [%s]: it has been split into two segments", id));
        }
    }

    /**
     * Rewrites the stored mask of every segment of the processor whose mask changed after a segment was added or
     * deleted. Each rewrite is a separate update, so a crash in between leaves stale masks, which the next split or
     * merge of the processor corrects.
     */
    void refreshMasks(String processorName) {
        List<Document> documents = segmentDocuments(processorName, SEGMENT, MASK);
        int[] allIds = ids(documents);
        for (Document document : documents) {
            int mask =
                    Segment.computeSegment(document.getInteger(SEGMENT), allIds).getMask();
            if (!Objects.equals(document.getInteger(MASK), mask)) {
                tokens.updateOne(eq(ID, document.get(ID)), set(MASK, mask));
            }
        }
    }

    private List<Document> segmentDocuments(String processorName, String... fields) {
        List<Document> documents = tokens.find(eq(PROCESSOR_NAME, processorName))
                .projection(include(fields))
                .into(new ArrayList<>());
        documents.sort(BY_SEGMENT);
        return documents;
    }

    private static int[] ids(List<Document> sortedDocuments) {
        return sortedDocuments.stream().mapToInt(d -> d.getInteger(SEGMENT)).toArray();
    }
}
