package io.openloop.ledger.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every request the server acknowledged, with the events its acknowledgement promises. Each entry is also written as
 * one NDJSON line to a file, so a failed run can be read afterwards.
 */
final class AckLog implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An event that must be in the trail: of type {@code eventType} (the simple class name), in {@code stream} when
     * that is set, and with a payload containing {@code contains} when that is set. With {@code exactlyOnce}, a second
     * such event is a violation too.
     */
    record Expected(String eventType, String stream, String contains, boolean exactlyOnce) {

        static Expected inStream(String eventType, String stream) {
            return new Expected(eventType, stream, null, false);
        }

        static Expected once(String eventType, String stream, String contains) {
            return new Expected(eventType, stream, contains, true);
        }
    }

    /** One acknowledged request: what it was, the ids its response named, and the events it promises. */
    record Ack(String kind, Map<String, String> ids, List<Expected> expected) {}

    private final List<Ack> acks = new ArrayList<>();
    private final Map<String, Integer> counts = new TreeMap<>();
    private final BufferedWriter file;

    AckLog(Path path) throws IOException {
        this.file = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    synchronized void add(String kind, Map<String, String> ids, Expected... expected) {
        Ack ack = new Ack(kind, Map.copyOf(ids), List.of(expected));
        acks.add(ack);
        counts.merge(kind, 1, Integer::sum);
        try {
            file.write(JSON.writeValueAsString(ack));
            file.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized List<Ack> acks() {
        return List.copyOf(acks);
    }

    synchronized int size() {
        return acks.size();
    }

    /** Returns the number of acknowledged requests per kind. */
    synchronized Map<String, Integer> counts() {
        return new TreeMap<>(counts);
    }

    @Override
    public synchronized void close() throws IOException {
        file.close();
    }
}
