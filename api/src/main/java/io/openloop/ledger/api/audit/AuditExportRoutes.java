package io.openloop.ledger.api.audit;

import io.openloop.ledger.api.loop.LoopAccess;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.RequestIds;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.KeyMode;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.query.audit.AuditExport;
import io.openloop.ledger.query.audit.AuditExportRequest;
import io.openloop.ledger.query.audit.AuditExporter;
import io.openloop.ledger.store.audit.ExportHeader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Exports the audit trail as a file: the operator's export of the global order (everything, or filtered), or a loop's
 * export of the streams about that loop. See {@code docs/audit.md} for the line format.
 */
@RestController
class AuditExportRoutes {

    private static final Logger log = LoggerFactory.getLogger(AuditExportRoutes.class);
    private static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final AuditExporter exporter;
    private final LoopAccess access;

    AuditExportRoutes(AuditExporter exporter, LoopAccess access) {
        this.exporter = exporter;
        this.access = access;
    }

    /**
     * Streams an export: NDJSON by default, CSV with {@code format=csv} or {@code Accept: text/csv}. A key exports the
     * streams about its own loop, or about a loop it manages named by {@code loopId}; the operator exports the global
     * order, or one loop's streams with {@code loopId}. Errors found before the first byte are JSON errors. An error
     * after it ends the file without its end line, which marks the file as truncated.
     */
    @RequiresScope(Scope.AUDIT_READ)
    @GetMapping("/api/audit/export")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(
            @RequestParam(required = false) String loopId,
            @RequestParam(required = false) String aggregateType,
            @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String fromPosition,
            @RequestParam(required = false) String toPosition,
            @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Caller caller,
            ServerWebExchange exchange) {
        String requestId = RequestIds.of(exchange);
        ExportParameters parameters = new ExportParameters(
                loopId, aggregateType, eventType, from, to, fromPosition, toPosition, format, accept);
        return Blocking.call(() -> {
                    AuditExportRequest request = parameters.toRequest(scopeLoop(caller, loopId));
                    AuditExport export = exporter.open(request, requestId);
                    return new Opened(export, request.format(), export.next());
                })
                .map(opened -> response(opened, exchange.getResponse().bufferFactory(), requestId));
    }

    private record Opened(AuditExport export, AuditExportRequest.Format format, byte[] firstChunk) {}

    /** Returns the loop whose streams to export, after checking that the caller may read it. */
    private String scopeLoop(Caller caller, String loopId) {
        if (caller.mode() == KeyMode.TEST) {
            throw new LedgerException(
                    ErrorCode.SANDBOX_ONLY,
                    "the audit trail contains live events, so a test key cannot export it; use a live key",
                    Map.of());
        }
        String loop = loopId != null ? loopId : caller.loopId();
        if (loop != null) {
            access.requireManaged(caller, loop);
        }
        return loop;
    }

    private static ResponseEntity<Flux<DataBuffer>> response(
            Opened opened, DataBufferFactory buffers, String requestId) {
        ExportHeader header = opened.export().header();
        boolean csv = opened.format() == AuditExportRequest.Format.CSV;
        String fileName = "openloop-audit-" + (header.loopId() != null ? header.loopId() + "-" : "")
                + FILE_TIME.format(header.exportedAt()) + (csv ? ".csv" : ".ndjson");
        return ResponseEntity.ok()
                .contentType(csv ? CSV : MediaType.APPLICATION_NDJSON)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(fileName)
                                .build()
                                .toString())
                .body(body(opened, buffers, requestId));
    }

    /**
     * Returns the body: the first chunk, then each later chunk read from the store on bounded-elastic only when the
     * connection asked for more, so at most a few windows of events are held however large the store is.
     */
    private static Flux<DataBuffer> body(Opened opened, DataBufferFactory buffers, String requestId) {
        AuditExport export = opened.export();
        AtomicLong bytes = new AtomicLong(opened.firstChunk().length);
        Flux<byte[]> rest = Flux.<byte[]>generate(sink -> {
                    byte[] chunk = export.next();
                    if (chunk == null) {
                        sink.complete();
                    } else {
                        bytes.addAndGet(chunk.length);
                        sink.next(chunk);
                    }
                })
                .subscribeOn(Schedulers.boundedElastic())
                .limitRate(1);
        return Flux.concat(Flux.just(opened.firstChunk()), rest)
                .map(buffers::wrap)
                .doOnComplete(() -> log.info("Export {} finished: {} bytes", requestId, bytes.get()))
                .doOnCancel(() -> log.info("Export {} cancelled by the client after {} bytes", requestId, bytes.get()))
                .onErrorResume(error -> {
                    log.warn(
                            "Export {} failed after {} bytes; the file ends without its end line",
                            requestId,
                            bytes.get(),
                            error);
                    return Flux.empty();
                });
    }
}
