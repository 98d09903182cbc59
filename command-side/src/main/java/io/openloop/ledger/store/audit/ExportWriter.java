package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEntry;

/**
 * Writes an audit export in one of its formats: NDJSON ({@link NdjsonExportWriter}) or CSV ({@link CsvExportWriter}).
 */
public interface ExportWriter {

    /** Writes what comes before the first event: the NDJSON header line, or the CSV header row. */
    void header(ExportHeader header);

    /** Writes one stored event. */
    void event(StoredEntry event);

    /** Pushes what was written so far to the output stream. */
    void flush();
}
