package io.openloop.ledger.query.audit;

import io.openloop.ledger.store.audit.AuditDigest;
import io.openloop.ledger.store.audit.CsvExportWriter;
import io.openloop.ledger.store.audit.ExportHeader;
import io.openloop.ledger.store.audit.ExportWriter;
import io.openloop.ledger.store.audit.NdjsonExportWriter;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * One export being written. It hands out the file in chunks and reads each from the store only when it is requested,
 * so a caller that requests the next chunk only after sending the previous one keeps at most one window of events in
 * memory.
 *
 * <p>The first chunk contains the header line (NDJSON) or the header row (CSV). Each later chunk contains the lines of
 * at least one window of {@value StoredEventReader#MAX_WINDOW} positions, aligned to the checkpoint blocks, so a
 * checkpoint line follows the last line of its block. The last chunk ends with the end line. Not thread-safe.
 */
public final class AuditExport {

    /** The range, header and checks of an export, decided before its first byte. */
    record Plan(
            ExportHeader header,
            long start,
            long end,
            boolean digestible,
            Predicate<StoredEntry> filter,
            LoopStreams loopStreams) {}

    private final Plan plan;
    private final PositionWindows windows;
    private final Checkpoints checkpoints;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    private final ExportWriter writer;
    private final NdjsonExportWriter ndjson;

    private long next;
    private String digest;
    private long events;
    private Long lastPosition;
    private boolean started;
    private boolean finished;

    AuditExport(Plan plan, AuditExportRequest.Format format, PositionWindows windows, Checkpoints checkpoints) {
        this.plan = plan;
        this.windows = windows;
        this.checkpoints = checkpoints;
        if (format == AuditExportRequest.Format.CSV) {
            this.writer = new CsvExportWriter(buffer);
            this.ndjson = null;
        } else {
            this.ndjson = new NdjsonExportWriter(buffer);
            this.writer = ndjson;
        }
        this.next = plan.start();
        this.digest = plan.header().digestBefore();
    }

    /** Returns the header that the export starts with: its scope, filters and range. */
    public ExportHeader header() {
        return plan.header();
    }

    /**
     * Returns the next chunk of the file, or null after the last one. A chunk may be read from the store first, so
     * call this off any event loop.
     */
    public byte[] next() {
        if (finished) {
            return null;
        }
        if (!started) {
            started = true;
            writer.header(plan.header());
            writer.flush();
            return drain();
        }
        while (buffer.size() == 0 && !finished) {
            if (next >= plan.end()) {
                finish();
            } else {
                long to = Math.min(plan.end(), Checkpoints.blockStart(next) + Checkpoints.BLOCK);
                write(windows.read(next, to), to);
                next = to;
            }
        }
        return drain();
    }

    private void write(List<StoredEntry> window, long to) {
        if (plan.loopStreams() != null) {
            plan.loopStreams().decide(window);
        }
        for (StoredEntry entry : window) {
            if (entry.kind() == StoredEntry.Kind.EVENT) {
                writeEvent(entry);
            } else if (entry.kind() == StoredEntry.Kind.VOID && plan.digestible()) {
                ndjson.voidPosition(entry.position(), entry.voidReason());
                lastPosition = entry.position();
            }
        }
        if (plan.digestible() && to % Checkpoints.BLOCK == 0) {
            String recorded = checkpoints.digestThrough(to - 1);
            if (recorded != null) {
                ndjson.checkpoint(to - 1, recorded);
            }
        }
        writer.flush();
    }

    private void writeEvent(StoredEntry event) {
        if (plan.loopStreams() != null && !plan.loopStreams().includes(event.stream())) {
            return;
        }
        if (!plan.filter().test(event)) {
            return;
        }
        writer.event(event);
        if (plan.digestible()) {
            digest = AuditDigest.next(digest, event.position(), event.hash());
        }
        events++;
        lastPosition = event.position();
    }

    private void finish() {
        finished = true;
        if (ndjson != null) {
            ndjson.end(events, lastPosition, plan.digestible() ? digest : null);
        }
        writer.flush();
    }

    private byte[] drain() {
        byte[] chunk = buffer.toByteArray();
        buffer.reset();
        return chunk;
    }
}
