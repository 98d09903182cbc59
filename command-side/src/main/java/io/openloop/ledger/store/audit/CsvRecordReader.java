package io.openloop.ledger.store.audit;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV records one at a time, so memory is bounded by the longest record. A quoted field may contain
 * commas, doubled quotes and line breaks; each field tells whether it was quoted, which is how {@link CsvExportWriter}
 * tells an empty text from null.
 */
final class CsvRecordReader {

    /** One field of a record. */
    record Field(String text, boolean quoted) {}

    /** One record and the line on which it starts, counted from 1. */
    record Row(long line, List<Field> fields) {}

    /** A record that breaks the CSV syntax, with the line where the problem is. */
    static final class CsvSyntaxException extends Exception {

        private final long line;

        CsvSyntaxException(long line, String message) {
            super(message);
            this.line = line;
        }

        long line() {
            return line;
        }
    }

    private final Reader in;
    private long line = 1;
    private int pushedBack = -2;

    CsvRecordReader(Reader in) {
        this.in = in;
    }

    /** Returns the next record, or null at the end of the input. */
    Row next() throws IOException, CsvSyntaxException {
        int c = read();
        if (c == -1) {
            return null;
        }
        long start = line;
        List<Field> fields = new ArrayList<>();
        while (true) {
            StringBuilder text = new StringBuilder();
            boolean quoted = c == '"';
            if (quoted) {
                c = readQuoted(text);
            } else {
                while (c != ',' && c != '\r' && c != '\n' && c != -1) {
                    if (c == '"') {
                        throw new CsvSyntaxException(line, "a quote inside an unquoted field");
                    }
                    text.append((char) c);
                    c = read();
                }
            }
            fields.add(new Field(text.toString(), quoted));
            if (c == ',') {
                c = read();
                continue;
            }
            endRecord(c);
            return new Row(start, fields);
        }
    }

    /** Reads a quoted field after its opening quote and returns the character after the closing quote. */
    private int readQuoted(StringBuilder text) throws IOException, CsvSyntaxException {
        long opened = line;
        while (true) {
            int c = read();
            if (c == -1) {
                throw new CsvSyntaxException(opened, "a quoted field is not closed before the end of the file");
            }
            if (c == '\n') {
                line++;
            }
            if (c != '"') {
                text.append((char) c);
                continue;
            }
            int after = read();
            if (after != '"') {
                if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                    throw new CsvSyntaxException(line, "text follows the closing quote of a field");
                }
                return after;
            }
            text.append('"');
        }
    }

    private void endRecord(int c) throws IOException {
        if (c == '\r') {
            int after = read();
            if (after != '\n' && after != -1) {
                pushedBack = after;
            }
        }
        if (c == '\r' || c == '\n') {
            line++;
        }
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        return in.read();
    }
}
