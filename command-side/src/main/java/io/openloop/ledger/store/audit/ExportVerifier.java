package io.openloop.ledger.store.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.StoredEntry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies an exported audit trail offline, without a server or a database: an NDJSON export ({@value
 * ExportHeader#FORMAT}) or a CSV export.
 *
 * <p>It reads the file one line at a time, so memory is bounded by the number of streams, and checks: that each line
 * is JSON, the header first and the end line last (a file without it is truncated), each event's hash, the links and
 * sequence numbers of each stream, strictly increasing positions, that {@code complete} in the header is what its
 * scope and filters imply, that each event passes the filters and, for a complete operator export, that every
 * position has an event or void line and that the running global digest matches each checkpoint line and the end line,
 * and the end line's counts. A CSV file gets the hash, link and position checks only: it has no header, no digest and
 * no end line. Each finding names the line, counted from 1, and the position, stream, sequence number and event id.
 */
public final class ExportVerifier {

    /** How many findings a result lists; the rest are only counted. */
    public static final int MAX_FINDINGS = Findings.KEPT;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Verifies the export that {@code reader} delivers, decoded as UTF-8 by the caller. */
    public ExportVerification verify(Reader reader) throws IOException {
        BufferedReader lines = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        String first = lines.readLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1);
        }
        if (first != null && first.equals(CsvExportWriter.HEADER)) {
            return verifyCsv(lines);
        }
        return verifyNdjson(first, lines);
    }

    private ExportVerification verifyNdjson(String firstLine, BufferedReader lines) throws IOException {
        Findings findings = new Findings();
        ExportHeader header = null;
        TrailCheck check = null;
        boolean ended = false;
        long number = 0;
        for (String line = firstLine; line != null; line = lines.readLine()) {
            number++;
            if (ended) {
                findings.at(Kind.MALFORMED_EXPORT, number, -1, "a line follows the end line");
                break;
            }
            JsonNode node = parse(line, number, findings);
            if (node == null) {
                continue;
            }
            String kind = node.path("kind").asText("");
            if (number == 1 && kind.equals("header")) {
                header = header(node, findings);
                check = checkFor(header, findings);
                continue;
            }
            if (number == 1) {
                findings.at(
                        Kind.MALFORMED_EXPORT,
                        1,
                        -1,
                        "the first line is not the header line of an " + ExportHeader.FORMAT + " export");
                check = checkFor(null, findings);
            }
            try {
                ended = apply(kind, node, number, check);
            } catch (IllegalArgumentException e) {
                findings.at(Kind.MALFORMED_EXPORT, number, node.path("position").asLong(-1), e.getMessage());
            }
        }
        if (check == null) {
            check = checkFor(null, findings);
        }
        check.finish();
        if (number == 0) {
            findings.at(Kind.MALFORMED_EXPORT, 1, -1, "the file is empty: it has no header line and no end line");
        } else if (!ended) {
            findings.at(
                    Kind.MALFORMED_EXPORT,
                    number + 1,
                    -1,
                    "the file ends after line " + number + " without an end line: it is truncated");
        }
        return new ExportVerification("ndjson", header, check.report(), findings.kept(), findings.count());
    }

    /** Checks one line after the header; returns true for the end line. */
    private static boolean apply(String kind, JsonNode node, long number, TrailCheck check) {
        switch (kind) {
            case "event" -> check.event(number, ExportedFields.event(node));
            case "void" ->
                check.voidPosition(number, ExportedFields.position(node), ExportedFields.text(node, "reason", false));
            case "checkpoint" ->
                check.checkpoint(number, ExportedFields.position(node), ExportedFields.text(node, "digest", false));
            case "end" -> {
                check.end(
                        number,
                        ExportedFields.number(node, "events"),
                        ExportedFields.optionalNumber(node, "lastPosition"),
                        ExportedFields.text(node, "digest", true));
                return true;
            }
            case "header" -> throw new IllegalArgumentException("a second header line");
            default -> throw new IllegalArgumentException("unknown line kind '" + kind + "'");
        }
        return false;
    }

    private static JsonNode parse(String line, long number, Findings findings) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node != null && node.isObject()) {
                return node;
            }
            findings.at(Kind.MALFORMED_EXPORT, number, -1, "the line is not a JSON object");
        } catch (IOException e) {
            findings.at(Kind.MALFORMED_EXPORT, number, -1, "the line is not valid JSON: " + firstLine(e));
        }
        return null;
    }

    private static ExportHeader header(JsonNode node, Findings findings) {
        try {
            String format = ExportedFields.text(node, "format", false);
            if (!ExportHeader.FORMAT.equals(format)) {
                throw new IllegalArgumentException("format '" + format + "' is not " + ExportHeader.FORMAT);
            }
            String scope = ExportedFields.text(node, "scope", false);
            if (!ExportHeader.OPERATOR.equals(scope) && !ExportHeader.LOOP.equals(scope)) {
                throw new IllegalArgumentException("scope '" + scope + "' is neither operator nor loop");
            }
            Map<String, String> filters = new LinkedHashMap<>();
            node.path("filters")
                    .fields()
                    .forEachRemaining(field ->
                            filters.put(field.getKey(), field.getValue().asText()));
            ExportHeader header = new ExportHeader(
                    Instant.parse(ExportedFields.text(node, "exportedAt", false)),
                    scope,
                    ExportedFields.text(node, "loopId", true),
                    filters,
                    node.path("complete").asBoolean(false),
                    ExportedFields.number(node, "fromPosition"),
                    ExportedFields.text(node, "digestBefore", true));
            ExportFilter.of(filters); // rejects a time filter that is not an instant
            header = impliedComplete(header, findings);
            if (header.digestible() && header.digestBefore() == null) {
                throw new IllegalArgumentException("a complete operator export needs digestBefore");
            }
            return header;
        } catch (RuntimeException e) {
            findings.at(Kind.MALFORMED_EXPORT, 1, -1, "the header line is not valid: " + e.getMessage());
            return null;
        }
    }

    /**
     * Returns the header with {@code complete} as its scope and filters imply. A flag that differs is a finding on line
     * 1, because a complete export flagged as filtered would hide removed lines.
     */
    private static ExportHeader impliedComplete(ExportHeader header, Findings findings) {
        boolean implied = ExportHeader.completeFor(header.scope(), header.filters());
        if (header.complete() == implied) {
            return header;
        }
        String detail = implied
                ? "the header sets complete to false, but a " + header.scope() + " export with filters "
                        + header.filters() + " is complete; it is checked as complete"
                : "the header sets complete to true, but a " + header.scope() + " export with filters "
                        + header.filters() + " is not complete; it is checked as filtered";
        findings.at(Kind.MALFORMED_EXPORT, 1, -1, detail);
        return header.withComplete(implied);
    }

    /** Returns the checks that a header requires. Without a valid header, only hashes, links and order are checked. */
    private static TrailCheck checkFor(ExportHeader header, Findings findings) {
        if (header == null) {
            return new TrailCheck(false, false, 0, null, ExportFilter.NONE, findings);
        }
        boolean wholeStreams = header.complete() && ExportHeader.LOOP.equals(header.scope());
        return new TrailCheck(
                header.digestible(),
                wholeStreams,
                header.fromPosition(),
                header.digestBefore(),
                ExportFilter.of(header.filters()),
                findings);
    }

    private ExportVerification verifyCsv(BufferedReader lines) throws IOException {
        Findings findings = new Findings();
        TrailCheck check = new TrailCheck(false, false, 0, null, ExportFilter.NONE, findings);
        CsvRecordReader records = new CsvRecordReader(lines);
        long offset = 1;
        while (true) {
            CsvRecordReader.Row row;
            try {
                row = records.next();
            } catch (CsvRecordReader.CsvSyntaxException e) {
                findings.at(
                        Kind.MALFORMED_EXPORT,
                        e.line() + offset,
                        -1,
                        "the row is not valid CSV: " + e.getMessage() + "; the rest of the file is not checked");
                break;
            }
            if (row == null) {
                break;
            }
            long number = row.line() + offset;
            StoredEntry event;
            try {
                event = ExportedFields.csvEvent(row.fields());
            } catch (IllegalArgumentException e) {
                findings.at(Kind.MALFORMED_EXPORT, number, -1, e.getMessage());
                continue;
            }
            check.event(number, event);
        }
        check.finish();
        return new ExportVerification("csv", null, check.report(), findings.kept(), findings.count());
    }

    /** Verifies an export held in memory, such as a small file in a test. */
    public ExportVerification verify(String export) throws IOException {
        return verify(new StringReader(export));
    }

    private static String firstLine(IOException e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
