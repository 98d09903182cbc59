package io.openloop.ledger.projection.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.openloop.ledger.messages.Ids;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The rules that decide which loops a stream of the event store is about, applied to one event payload at a time.
 *
 * <p>An event names a loop through a top-level payload field called {@code loopId} or ending in {@code LoopId} (for
 * example {@code requesterLoopId}, {@code publisherLoopId}, {@code submittedByLoopId}) whose value is a loop id. So a
 * loop's own stream, a credit account (its {@code CreditAccountOpenedEvent} names the owner), a tool (its publisher),
 * an invocation (the invoking loop and the tool's publisher) and a task (requester and business) are about the loops
 * their events name. A proof's events also name their subject ({@code subjectType} {@code task} or {@code invocation}
 * and {@code subjectId}, the subject's stream), and a proof stream is about the loops of that stream as well. Nested
 * fields are not read, because they carry caller-supplied JSON such as task inputs.
 *
 * <p>The {@code audit-streams} projection and the export, which reads a stream that projection has not reached yet
 * straight from the event store, both decide through this class, so they cannot disagree.
 */
public final class StreamLoops {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private StreamLoops() {}

    /**
     * The loops and the subject that one event, or a whole stream, names.
     *
     * @param loops the loop ids named, in the order first named
     * @param subjectStream for a proof, the stream of its subject (a task or invocation id), otherwise null
     */
    public record Mentions(Set<String> loops, String subjectStream) {

        /** Mentions of nothing: an event that names no loop and no subject. */
        public static final Mentions NONE = new Mentions(Set.of(), null);

        public Mentions {
            loops = Collections.unmodifiableSet(new LinkedHashSet<>(loops));
        }

        /** Returns the mentions of this and {@code later}; a subject named earlier is kept. */
        public Mentions merge(Mentions later) {
            Set<String> merged = new LinkedHashSet<>(loops);
            merged.addAll(later.loops);
            return new Mentions(merged, subjectStream != null ? subjectStream : later.subjectStream);
        }
    }

    /** Returns what the payload of one event, in its JSON form, names: loops and a proof's subject stream. */
    public static Mentions mentionsOf(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return Mentions.NONE;
        }
        Set<String> loops = new LinkedHashSet<>();
        Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (namesLoop(field.getKey())
                    && field.getValue().isTextual()
                    && Ids.isValid(field.getValue().asText(), Ids.LOOP)) {
                loops.add(field.getValue().asText());
            }
        }
        return new Mentions(loops, subjectStream(payload));
    }

    /** Returns the JSON form of an event payload object, as the event serializer writes it, for {@link #mentionsOf}. */
    public static JsonNode toJson(Object payload) {
        return JSON.valueToTree(payload);
    }

    private static boolean namesLoop(String field) {
        return field.equals("loopId") || field.endsWith("LoopId");
    }

    private static String subjectStream(JsonNode payload) {
        String type = payload.path("subjectType").asText("");
        JsonNode subjectId = payload.path("subjectId");
        if ((type.equals("task") || type.equals("invocation")) && subjectId.isTextual()) {
            return subjectId.asText();
        }
        return null;
    }
}
