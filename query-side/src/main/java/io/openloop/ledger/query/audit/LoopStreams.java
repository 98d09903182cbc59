package io.openloop.ledger.query.audit;

import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import io.openloop.ledger.projection.audit.AuditReadModels;
import io.openloop.ledger.projection.audit.StreamLoops;
import io.openloop.ledger.projection.audit.StreamLoops.Mentions;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, window by window of the global order, which streams are about one loop: from the stream index ({@value
 * AuditReadModels#AUDIT_STREAMS}), or for a stream the index does not contain yet, from the stream's stored events
 * with the same rules ({@link StreamLoops}). A proof is about its subject's loops too.
 *
 * <p>A stream once included stays included, so a stream appears whole from the line where it was first included.
 * Memory contains the included streams and a bounded cache of streams read from the store. Excluded streams are looked
 * up again in each window where they have events, one {@code _id $in} query per window.
 *
 * <p>NOTE: a stream that the index contains but whose later event, not yet indexed, names the loop is excluded until
 * the index catches up. An export that starts while the index lags can leave out such a stream, or include it from
 * that event on.
 */
final class LoopStreams {

    private static final Logger log = LoggerFactory.getLogger(LoopStreams.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHED_FROM_STORE = 10_000;

    private final String loopId;
    private final MongoCollection<Document> index;
    private final StoredEventReader reader;
    private final Set<String> included = new HashSet<>();
    private final Map<String, Mentions> readFromStore = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Mentions> eldest) {
            return size() > CACHED_FROM_STORE;
        }
    };

    LoopStreams(String loopId, MongoCollection<Document> index, StoredEventReader reader) {
        this.loopId = loopId;
        this.index = index;
        this.reader = reader;
    }

    /** Decides for the streams of {@code window} that are not included yet; call before {@link #includes}. */
    void decide(List<StoredEntry> window) {
        Set<String> undecided = new LinkedHashSet<>();
        for (StoredEntry entry : window) {
            if (entry.kind() == StoredEntry.Kind.EVENT && !included.contains(entry.stream())) {
                undecided.add(entry.stream());
            }
        }
        if (undecided.isEmpty()) {
            return;
        }

        Map<String, Mentions> mentions = mentionsOf(undecided);
        Map<String, String> subjects = new HashMap<>();
        for (String stream : undecided) {
            Mentions found = mentions.get(stream);
            if (found.loops().contains(loopId)) {
                included.add(stream);
            } else if (found.subjectStream() != null) {
                subjects.put(stream, found.subjectStream());
            }
        }
        if (subjects.isEmpty()) {
            return;
        }

        Set<String> unknownSubjects = new LinkedHashSet<>(subjects.values());
        unknownSubjects.removeAll(included);
        Map<String, Mentions> subjectMentions = mentionsOf(unknownSubjects);
        for (Map.Entry<String, String> proof : subjects.entrySet()) {
            String subject = proof.getValue();
            if (included.contains(subject)
                    || subjectMentions.get(subject).loops().contains(loopId)) {
                included.add(proof.getKey());
            }
        }
    }

    /** Tells whether {@code stream} is about the loop; {@link #decide} must have seen a window with its events. */
    boolean includes(String stream) {
        return included.contains(stream);
    }

    /** Returns what the index, or else the stored events, name for each stream. */
    private Map<String, Mentions> mentionsOf(Set<String> streams) {
        Map<String, Mentions> mentions = new HashMap<>();
        if (streams.isEmpty()) {
            return mentions;
        }
        for (Document document : index.find(in("_id", new ArrayList<>(streams)))) {
            List<String> loops = document.getList(AuditReadModels.LOOPS, String.class, List.of());
            mentions.put(
                    document.getString("_id"),
                    new Mentions(new LinkedHashSet<>(loops), document.getString(AuditReadModels.SUBJECT)));
        }
        for (String stream : streams) {
            if (!mentions.containsKey(stream)) {
                mentions.put(stream, readFromStore(stream));
            }
        }
        return mentions;
    }

    /** Applies the index's rules to every stored event of a stream that the index does not contain yet. */
    private Mentions readFromStore(String stream) {
        Mentions cached = readFromStore.get(stream);
        if (cached != null) {
            return cached;
        }
        Mentions mentions = Mentions.NONE;
        long from = 0;
        while (true) {
            List<StoredEntry> events = reader.readStream(stream, from, from + StoredEventReader.MAX_WINDOW);
            if (events.isEmpty()) {
                break;
            }
            for (StoredEntry event : events) {
                mentions = mentions.merge(StreamLoops.mentionsOf(parse(event)));
            }
            from = events.get(events.size() - 1).sequence() + 1;
        }
        log.debug("Stream {} is not in the stream index yet; its stored events name loops {}", stream, mentions);
        readFromStore.put(stream, mentions);
        return mentions;
    }

    private static JsonNode parse(StoredEntry event) {
        if (event.payload() == null) {
            return null;
        }
        try {
            return JSON.readTree(event.payload());
        } catch (JsonProcessingException e) {
            log.warn(
                    "Event {} at position {} of stream {} has a payload that is not JSON; it names no loop",
                    event.eventId(),
                    event.position(),
                    event.stream());
            return null;
        }
    }
}
