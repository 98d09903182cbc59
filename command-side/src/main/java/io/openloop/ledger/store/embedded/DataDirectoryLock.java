package io.openloop.ledger.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@value #LOCK_FILE_NAME} in the data directory, held from open until the data file is closed
 * and compacted. The MVStore locks the data file too, but it releases that lock when the store closes, which is before
 * the compacted copy replaces the file. This lock keeps a second store out during that step as well.
 */
final class DataDirectoryLock implements AutoCloseable {

    static final String LOCK_FILE_NAME = "ledger.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @throws EmbeddedStoreLockedException if another process or another store in this JVM holds it
     */
    static DataDirectoryLock acquire(Path dataDirectory, Path dataFile) {
        Path lockFile = dataDirectory.resolve(LOCK_FILE_NAME);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to open lock file " + lockFile + " for " + dataFile, e);
        }

        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new EmbeddedStoreLockedException(dataFile, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Failed to lock " + lockFile + " for " + dataFile, e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new EmbeddedStoreLockedException(dataFile, null);
        }
        return new DataDirectoryLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to release the data directory lock", e);
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // The lock dies with the channel or the process; nothing else to release.
        }
    }
}
