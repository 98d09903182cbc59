package io.openloop.ledger.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Samples a file's size every 200 ms from a daemon thread and keeps the largest size seen. */
final class FileSizeSampler implements AutoCloseable {

    private final Path file;
    private final AtomicLong peakBytes = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bench-file-size-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private FileSizeSampler(Path file) {
        this.file = file;
    }

    static FileSizeSampler start(Path file) {
        FileSizeSampler sampler = new FileSizeSampler(file);
        sampler.scheduler.scheduleAtFixedRate(sampler::sample, 0, 200, TimeUnit.MILLISECONDS);
        return sampler;
    }

    /** Returns the largest size sampled so far, in bytes, including a sample taken now. */
    long peakBytes() {
        sample();
        return peakBytes.get();
    }

    private void sample() {
        try {
            peakBytes.accumulateAndGet(Files.size(file), Math::max);
        } catch (java.io.IOException e) {
            // The file may be replaced while the store compacts it on close, and the next sample reads it again.
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
