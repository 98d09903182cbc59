package io.openloop.ledger.query.audit;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.projection.audit.AuditReadModels;
import io.openloop.ledger.store.audit.ExportHeader;
import io.openloop.ledger.store.events.StoredEntry;
import io.openloop.ledger.store.events.StoredEventReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts exports of the audit trail: the global order of every event for the operator, or the streams about one loop,
 * as NDJSON or CSV. See {@link AuditExport} for how the file is read and written.
 *
 * <p>An export covers the positions below the head of the store when it starts, or up to {@code toPosition}. It is
 * complete when no filter leaves out events inside that range. A complete operator export starts at the first position
 * of a checkpoint block (0, or the block of {@code fromPosition}), lists void positions and checkpoints, and carries
 * the global digest before its first position and after its last event. A complete loop export reads from position 0
 * to the head, so every stream about the loop appears from sequence number 0.
 */
@Component
public class AuditExporter {

    private static final Logger log = LoggerFactory.getLogger(AuditExporter.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final MongoDatabase database;
    private final StoredEventReader reader;
    private final Checkpoints checkpoints;
    private final PositionSearch search;
    private final Clock clock;
    private final Duration gapTimeout;

    AuditExporter(
            MongoDatabase database, Clock clock, @Value("${openloop.events.gap-timeout:10s}") Duration gapTimeout) {
        this.database = database;
        this.reader = new StoredEventReader(database);
        this.checkpoints = new Checkpoints(database, reader);
        this.search = new PositionSearch(reader);
        this.clock = clock;
        this.gapTimeout = gapTimeout;
    }

    /**
     * Plans an export and reads what its header needs: the head of the store, the positions that the time filters
     * start and end at, and the global digest before the first position.
     *
     * @param exportId an id for log lines about this export, such as the request id
     */
    public AuditExport open(AuditExportRequest request, String exportId) {
        boolean operator = request.loopId() == null;
        boolean ndjson = request.format() == AuditExportRequest.Format.NDJSON;
        boolean complete = !request.narrowsEvents()
                && (operator || (request.fromPosition() == null && request.toPosition() == null));

        long head = reader.headPosition();
        // Compares before adding 1, because toPosition + 1 overflows for Long.MAX_VALUE.
        long end = request.toPosition() == null || request.toPosition() >= head ? head : request.toPosition() + 1;
        long start = request.fromPosition() == null ? 0 : request.fromPosition();
        if (operator && complete) {
            start = Checkpoints.blockStart(start);
        }
        if (request.from() != null) {
            start = Math.max(start, search.firstAtOrAfter(request.from(), end));
        }
        if (request.to() != null) {
            end = Math.min(end, search.firstAfter(request.to(), end));
        }

        boolean digestible = operator && complete && ndjson;
        String digestBefore = digestible ? checkpoints.digestBefore(start, head) : null;
        ExportHeader header = new ExportHeader(
                clock.instant(),
                operator ? ExportHeader.OPERATOR : ExportHeader.LOOP,
                request.loopId(),
                request.filters(),
                complete,
                start,
                digestBefore);
        LoopStreams loopStreams = operator
                ? null
                : new LoopStreams(request.loopId(), database.getCollection(AuditReadModels.AUDIT_STREAMS), reader);
        AuditExport.Plan plan = new AuditExport.Plan(header, start, end, digestible, filter(request), loopStreams);

        log.info(
                "Export {} started: scope {}{}, positions {} to {}, {}",
                exportId,
                header.scope(),
                operator ? "" : " " + request.loopId(),
                start,
                end - 1,
                complete ? "complete" : "filtered by " + request.filters());
        PositionWindows windows = new PositionWindows(reader, gapTimeout, POLL_INTERVAL, exportId);
        return new AuditExport(plan, request.format(), windows, checkpoints);
    }

    private static Predicate<StoredEntry> filter(AuditExportRequest request) {
        Predicate<StoredEntry> filter = event -> true;
        if (request.aggregateType() != null) {
            filter = filter.and(event -> request.aggregateType().equals(event.aggregateType()));
        }
        if (request.eventType() != null) {
            String simpleName = "." + request.eventType();
            filter = filter.and(event -> event.type() != null
                    && (event.type().equals(request.eventType()) || event.type().endsWith(simpleName)));
        }
        if (request.from() != null || request.to() != null) {
            Instant from = request.from() == null ? Instant.MIN : request.from();
            Instant to = request.to() == null ? Instant.MAX : request.to();
            filter = filter.and(event -> {
                Instant timestamp = Instant.parse(event.timestamp());
                return !timestamp.isBefore(from) && !timestamp.isAfter(to);
            });
        }
        return filter;
    }
}
