package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.events.StoredEntry;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * Writes an audit export as CSV for spreadsheets (RFC 4180): the header row {@value #HEADER}, then one row per event,
 * lines ending in CRLF. Text fields are always quoted, so an empty unquoted field is null and {@code ""} is an empty
 * text. Payload and metadata are the stored canonical JSON text.
 *
 * <p>CSV has no header line and no end line, so a verifier can check hashes and stream links in it but not the global
 * digest or whether the file was truncated; use NDJSON for that.
 */
public final class CsvExportWriter implements ExportWriter {

    /** The header row. */
    public static final String HEADER =
            "position,stream,aggregate_type,sequence,event_id,type,revision,timestamp,payload,metadata,hash,prev";

    private final Writer out;

    public CsvExportWriter(OutputStream out) {
        this.out = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    @Override
    public void header(ExportHeader header) {
        try {
            out.write(HEADER);
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void event(StoredEntry event) {
        try {
            out.write(Long.toString(event.position()));
            text(event.stream());
            text(event.aggregateType());
            out.write(',');
            out.write(Long.toString(event.sequence()));
            text(event.eventId());
            text(event.type());
            text(event.revision());
            text(event.timestamp());
            text(event.payload());
            text(event.metadata());
            text(event.hash());
            text(event.prev());
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void text(String value) throws IOException {
        out.write(',');
        if (value == null) {
            return;
        }
        out.write('"');
        out.write(value.replace("\"", "\"\""));
        out.write('"');
    }
}
