package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.EventHashes;
import io.openloop.ledger.store.events.StoredEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds export files of a synthetic trail with valid hashes, links and digests, written by the same writers as the
 * server's export, so tests can tamper with them line by line.
 */
final class ExportFiles {

    static final Instant EXPORTED_AT = Instant.parse("2026-12-04T10:00:00Z");

    private ExportFiles() {}

    /**
     * Returns a trail of {@code positions} positions with void documents at {@code voids} and events of {@code streams}
     * streams, written round-robin.
     */
    static List<StoredEntry> trail(int positions, int streams, Set<Long> voids) {
        Map<String, Long> sequences = new HashMap<>();
        Map<String, String> heads = new HashMap<>();
        List<StoredEntry> entries = new ArrayList<>();
        int written = 0;
        for (long position = 0; position < positions; position++) {
            if (voids.contains(position)) {
                entries.add(ExportedFields.voidEntry(position, position % 2 == 0 ? "gap-timeout" : "aborted"));
                continue;
            }
            String stream = "acct_" + (written++ % streams);
            long sequence = sequences.merge(stream, 1L, Long::sum) - 1;
            String prev = heads.get(stream);
            String eventId = "evt-" + position;
            String timestamp = EXPORTED_AT.minusSeconds(positions - position).toString();
            String payload = "{\"accountId\":\"" + stream + "\",\"amount\":" + (position * 7 % 1000)
                    + ",\"memo\":\"line \\\"" + position + "\\\", with a comma\"}";
            String metadata = "{\"requestId\":\"req-" + position + "\"}";
            String type = "io.openloop.ledger.messages.credit.CreditsGrantedEvent";
            String hash = EventHashes.hash(
                    stream, "CreditAccount", sequence, eventId, type, null, timestamp, payload, metadata, prev);
            heads.put(stream, hash);
            entries.add(new StoredEntry(
                    StoredEntry.Kind.EVENT,
                    position,
                    stream,
                    "CreditAccount",
                    sequence,
                    eventId,
                    type,
                    null,
                    timestamp,
                    payload,
                    metadata,
                    hash,
                    prev,
                    null));
        }
        return entries;
    }

    /**
     * Writes a complete operator export of the whole trail from position 0: void lines, a checkpoint line after each
     * full block of 1,000 positions and the running digest in the end line.
     */
    static String operatorExport(List<StoredEntry> trail) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NdjsonExportWriter writer = new NdjsonExportWriter(bytes);
        writer.header(
                new ExportHeader(EXPORTED_AT, ExportHeader.OPERATOR, null, Map.of(), true, 0, AuditDigest.GENESIS));
        String digest = AuditDigest.GENESIS;
        long events = 0;
        Long last = null;
        for (StoredEntry entry : trail) {
            if (entry.kind() == StoredEntry.Kind.EVENT) {
                writer.event(entry);
                digest = AuditDigest.next(digest, entry.position(), entry.hash());
                events++;
            } else {
                writer.voidPosition(entry.position(), entry.voidReason());
            }
            last = entry.position();
            if (entry.position() % 1000 == 999) {
                writer.checkpoint(entry.position(), digest);
            }
        }
        writer.end(events, last, digest);
        writer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes an export of the events only, as a loop's or a filtered export does: no void or checkpoint lines. */
    static String eventsExport(List<StoredEntry> events, String scope, boolean complete) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NdjsonExportWriter writer = new NdjsonExportWriter(bytes);
        Map<String, String> filters = new LinkedHashMap<>();
        if (!complete) {
            filters.put("eventType", "CreditsGrantedEvent");
        }
        String loopId = scope.equals(ExportHeader.LOOP) ? "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XA" : null;
        writer.header(new ExportHeader(EXPORTED_AT, scope, loopId, filters, complete, 0, null));
        Long last = null;
        for (StoredEntry event : events) {
            writer.event(event);
            last = event.position();
        }
        writer.end(events.size(), last, null);
        writer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String csvExport(List<StoredEntry> events) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvExportWriter writer = new CsvExportWriter(bytes);
        writer.header(null);
        events.forEach(writer::event);
        writer.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static List<StoredEntry> eventsOnly(List<StoredEntry> trail) {
        return trail.stream()
                .filter(entry -> entry.kind() == StoredEntry.Kind.EVENT)
                .toList();
    }

    /** Splits an export into its lines, without the empty text after the final newline. */
    static List<String> lines(String export) {
        List<String> lines = new ArrayList<>(Arrays.asList(export.split("\n", -1)));
        lines.remove(lines.size() - 1);
        return lines;
    }

    static String join(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }
}
