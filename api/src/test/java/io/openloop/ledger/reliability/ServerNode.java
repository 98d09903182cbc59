package io.openloop.ledger.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One server process of the harness: the server jar started with a fixed environment, its output appended to a log
 * file, and stopped with SIGKILL ({@link #kill()}) or SIGTERM ({@link #stop()}).
 */
final class ServerNode {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Path jar;
    private final Map<String, String> environment;
    private final List<String> arguments;
    private final Path log;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;

    /**
     * @param environment variables of the server process; {@code OPENLOOP_PORT} must be among them
     * @param arguments extra arguments after the jar, such as Spring property overrides
     */
    ServerNode(String name, Path jar, Map<String, String> environment, List<String> arguments, Path log) {
        this.name = name;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
        this.arguments = List.copyOf(arguments);
        this.log = log;
        this.port = Integer.parseInt(environment.get("OPENLOOP_PORT"));
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    /** Starts the process and waits until its health route reports UP; returns the start time in milliseconds. */
    long start() throws IOException, InterruptedException {
        long begin = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx768m", "-jar", jar.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        starts++;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped during start " + starts + " with exit code "
                        + process.exitValue() + "; see " + log);
            }
            if (healthy()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " did not report UP within " + START_TIMEOUT + "; see " + log);
    }

    /** Sends SIGKILL and waits until the process is gone. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** Sends SIGTERM and waits up to 60 s for a clean stop, then SIGKILL. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            System.out.println(name + " did not stop within 60 s of SIGTERM; sending SIGKILL");
            kill();
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("UP");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
