package io.openloop.ledger.store.audit;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.openloop.ledger.store.events.StoredEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes the lines of an NDJSON audit export ({@value ExportHeader#FORMAT}): one JSON object per line, {@code kind}
 * first, UTF-8. An event's payload and metadata are embedded as the stored canonical JSON text, unchanged.
 *
 * <p>Not thread-safe. {@link #flush()} pushes the lines written so far to the output stream.
 */
public final class NdjsonExportWriter implements ExportWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;

    public NdjsonExportWriter(OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setRootValueSeparator(null);
    }

    @Override
    public void header(ExportHeader header) {
        try {
            json.writeStartObject();
            json.writeStringField("kind", "header");
            json.writeStringField("format", ExportHeader.FORMAT);
            json.writeStringField("exportedAt", header.exportedAt().toString());
            json.writeStringField("scope", header.scope());
            json.writeStringField("loopId", header.loopId());
            json.writeObjectFieldStart("filters");
            for (Map.Entry<String, String> filter : header.filters().entrySet()) {
                json.writeStringField(filter.getKey(), filter.getValue());
            }
            json.writeEndObject();
            json.writeBooleanField("complete", header.complete());
            json.writeNumberField("fromPosition", header.fromPosition());
            json.writeStringField("digestBefore", header.digestBefore());
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void event(StoredEntry event) {
        try {
            json.writeStartObject();
            json.writeStringField("kind", "event");
            json.writeNumberField("position", event.position());
            json.writeStringField("stream", event.stream());
            json.writeStringField("aggregateType", event.aggregateType());
            json.writeNumberField("sequence", event.sequence());
            json.writeStringField("eventId", event.eventId());
            json.writeStringField("type", event.type());
            json.writeStringField("revision", event.revision());
            json.writeStringField("timestamp", event.timestamp());
            writeRawJson("payload", event.payload());
            writeRawJson("metadata", event.metadata());
            json.writeStringField("hash", event.hash());
            json.writeStringField("prev", event.prev());
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the line of a position that a void document marks as given up or aborted. */
    public void voidPosition(long position, String reason) {
        try {
            json.writeStartObject();
            json.writeStringField("kind", "void");
            json.writeNumberField("position", position);
            json.writeStringField("reason", reason);
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a stored checkpoint of the global digest, after the last line of its block. */
    public void checkpoint(long position, String digest) {
        try {
            json.writeStartObject();
            json.writeStringField("kind", "checkpoint");
            json.writeNumberField("position", position);
            json.writeStringField("digest", digest);
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the end line, without which a file is truncated.
     *
     * @param lastPosition the position of the last event or void line, or null when there is none
     * @param digest the running global digest after the last event of a digestible export, otherwise null
     */
    public void end(long events, Long lastPosition, String digest) {
        try {
            json.writeStartObject();
            json.writeStringField("kind", "end");
            json.writeNumberField("events", events);
            if (lastPosition == null) {
                json.writeNullField("lastPosition");
            } else {
                json.writeNumberField("lastPosition", lastPosition);
            }
            json.writeStringField("digest", digest);
            endLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void flush() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeRawJson(String field, String text) throws IOException {
        json.writeFieldName(field);
        if (text == null) {
            json.writeNull();
        } else {
            json.writeRawValue(text);
        }
    }

    private void endLine() throws IOException {
        json.writeEndObject();
        json.writeRaw('\n');
    }
}
