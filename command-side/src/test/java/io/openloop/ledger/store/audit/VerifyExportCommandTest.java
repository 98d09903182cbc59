package io.openloop.ledger.store.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of the offline verifier: exit codes and what it prints. */
class VerifyExportCommandTest {

    private static final String EXPORT = ExportFiles.operatorExport(ExportFiles.trail(1_100, 5, Set.of(7L)));

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyExportCommand.run(
                args,
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void cleanFileExitsZero() throws Exception {
        Path file = write("audit.ndjson", EXPORT);

        Run run = run(new byte[0], file.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("result: clean");
        assertThat(run.out()).contains("events: 1099 in 5 streams, positions 0 to 1099");
        assertThat(run.out()).contains("given-up positions: 1 (7)");
        assertThat(run.out()).contains("checkpoints checked: 1");
        assertThat(run.out()).containsPattern("final digest: [0-9a-f]{64}");
    }

    @Test
    void tamperedFileExitsOneNamingTheLine() throws Exception {
        List<String> lines = ExportFiles.lines(EXPORT);
        lines.set(9, lines.get(9).replace("\"amount\":", "\"amount\":1"));
        Path file = write("tampered.ndjson", ExportFiles.join(lines));

        Run run = run(new byte[0], file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("HASH_MISMATCH at line 10: position ");
        assertThat(run.out()).contains("result: 1 findings, the first at line 10");
    }

    @Test
    void standardInputIsRead() {
        Run run = run(EXPORT.getBytes(StandardCharsets.UTF_8), "-");

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.out()).contains("file: standard input");
    }

    @Test
    void missingFileExitsTwo() {
        Run run = run(new byte[0], dir.resolve("absent.ndjson").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not found");
    }

    @Test
    void wrongUsageExitsTwo() {
        Run run = run(new byte[0]);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("usage:");
    }

    @Test
    void invalidUtf8ExitsTwo() throws Exception {
        Path file = dir.resolve("binary.ndjson");
        Files.write(file, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});

        Run run = run(new byte[0], file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not UTF-8");
    }
}
