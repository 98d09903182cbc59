package io.openloop.ledger.store.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line of the offline verifier: {@code verify-export FILE}, or {@code -} for standard input. It prints
 * each finding with its line, then a summary, and exits with 0 when the file is clean, 1 when something was found and
 * 2 when the file cannot be read or the usage is wrong. It starts no server and needs no database.
 */
public final class VerifyExportCommand {

    /** The first argument of the server jar that runs this command instead of the server. */
    public static final String NAME = "verify-export";

    public static final int CLEAN = 0;
    public static final int FINDINGS = 1;
    public static final int UNREADABLE = 2;

    private static final String USAGE = "usage: java -jar openloop-ledger.jar " + NAME + " FILE\n"
            + "  FILE  an audit export from GET /api/audit/export (NDJSON or CSV), or - to read standard input";

    private static final int SHOWN_GIVEN_UP = 20;

    private VerifyExportCommand() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Verifies the file named by {@code args} and returns the exit code. */
    public static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE);
            return CLEAN;
        }
        if (args.length != 1) {
            err.println(NAME + ": expected one file name, got " + args.length + " arguments");
            err.println(USAGE);
            return UNREADABLE;
        }
        String name = args[0];
        ExportVerification result;
        try (InputStream in = name.equals("-") ? stdin : Files.newInputStream(Path.of(name))) {
            result = new ExportVerifier().verify(new BufferedReader(new InputStreamReader(in, strictUtf8()), 1 << 16));
        } catch (NoSuchFileException e) {
            err.println(NAME + ": " + name + " not found");
            return UNREADABLE;
        } catch (CharacterCodingException e) {
            err.println(NAME + ": " + name + " is not UTF-8 text (" + e + ")");
            return UNREADABLE;
        } catch (IOException e) {
            err.println(NAME + ": cannot read " + name + ": " + e.getMessage());
            return UNREADABLE;
        }

        print(name.equals("-") ? "standard input" : name, result, out);
        return result.clean() ? CLEAN : FINDINGS;
    }

    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static void print(String name, ExportVerification result, PrintStream out) {
        out.println("file: " + name);
        out.println("format: " + describe(result));
        for (AuditFinding finding : result.findings()) {
            out.println(line(finding));
        }
        if (result.findingCount() > result.findings().size()) {
            out.println("... and " + (result.findingCount() - result.findings().size()) + " more findings");
        }

        AuditReport report = result.report();
        out.println("events: " + report.eventsChecked() + " in " + report.streamsChecked() + " streams, positions "
                + report.fromPosition() + " to " + report.toPosition());
        List<Long> givenUp = report.givenUpPositions();
        String shown =
                givenUp.stream().limit(SHOWN_GIVEN_UP).map(String::valueOf).collect(Collectors.joining(", "));
        out.println("given-up positions: " + givenUp.size()
                + (givenUp.isEmpty() ? "" : " (" + shown + (givenUp.size() > SHOWN_GIVEN_UP ? ", ..." : "") + ")"));
        out.println("checkpoints checked: " + report.checkpointsChecked());
        out.println("final digest: "
                + (report.digest() != null
                        ? report.digest()
                        : "none (only a complete operator NDJSON export has one)"));
        if (result.clean()) {
            out.println("result: clean");
        } else {
            out.println("result: " + result.findingCount() + " findings, the first at line "
                    + report.firstMismatch().line());
        }
    }

    private static String describe(ExportVerification result) {
        ExportHeader header = result.header();
        if (header == null) {
            return result.format().equals("csv")
                    ? "csv (hashes, links and order checked; CSV has no digest and no end line)"
                    : "ndjson without a valid header (hashes, links and order checked)";
        }
        return "ndjson, scope " + header.scope() + (header.loopId() != null ? " " + header.loopId() : "") + ", "
                + (header.complete() ? "complete" : "filtered " + header.filters()) + ", from position "
                + header.fromPosition();
    }

    /** Formats a finding as one line, for example {@code HASH_MISMATCH at line 17: position 15, stream ...}. */
    static String line(AuditFinding finding) {
        StringBuilder text = new StringBuilder(finding.kind().name());
        text.append(" at line ").append(finding.line()).append(':');
        if (finding.position() >= 0) {
            text.append(" position ").append(finding.position()).append(',');
        }
        if (finding.stream() != null) {
            text.append(" stream ").append(finding.stream()).append(',');
        }
        if (finding.sequence() != null) {
            text.append(" sequence ").append(finding.sequence()).append(',');
        }
        if (finding.eventId() != null) {
            text.append(" event ").append(finding.eventId()).append(',');
        }
        text.setLength(text.length() - 1);
        return text.append(": ").append(finding.detail()).toString();
    }
}
