package io.openloop.ledger.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An {@link EmbeddedStoreMain} running in a child JVM on the test class path, so that a test can kill it with SIGKILL
 * and reopen its data file in a fresh process.
 */
final class StoreProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final int port;

    private StoreProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a store process on {@code dataDirectory} and waits until it listens. */
    static StoreProcess start(Path dataDirectory, Durability durability, Path log) throws IOException {
        Path portFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".port");
        Files.deleteIfExists(portFile);
        Files.createDirectories(log.getParent());

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(
                java,
                "-Xmx256m",
                "-cp",
                testClassPath(),
                EmbeddedStoreMain.class.getName(),
                "--data-dir",
                dataDirectory.toString(),
                "--port",
                "0",
                "--durability",
                durability.name(),
                "--cache-size-mb",
                "32",
                "--port-file",
                portFile.toString());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Store process exited with status " + process.exitValue()
                        + " before it listened; log " + log + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "Store process did not listen within " + START_TIMEOUT + "; log " + log + ":\n" + tail(log));
            }
            sleep(20);
        }
        int port = Integer.parseInt(
                Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        return new StoreProcess(process, log, port);
    }

    String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGKILL (on Linux {@code destroyForcibly}) and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Sends SIGTERM and returns the exit status once the store has closed. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Store process did not stop within " + STOP_TIMEOUT + "; log " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Returns the class path of this test run, which surefire keeps in its own property. */
    private static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the store process", e);
        }
    }
}
