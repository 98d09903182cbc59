package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MongoDB-wire server (mongo-java-server 1.47.0) on one H2 MVStore file, for running the ledger without
 * a MongoDB installation.
 *
 * <p>Contract: a write command (insert, update, delete, findAndModify, index and collection changes, and any command
 * not known to be read-only) is committed to the file before the client gets its reply, so every write the client saw
 * acknowledged survives a killed process; in {@link Durability#FSYNC} mode it also survives a machine crash.
 * Concurrent writers share commits (see {@link #commitCount()}). A background thread keeps the file compact.
 *
 * <p>The store inherits the limits of mongo-java-server: only unique indexes are kept (other indexes are accepted and
 * ignored, so such queries scan the collection), there are no multi-document transactions, and aggregation supports a
 * subset of MongoDB's stages and operators.
 *
 * <p>Only one store can open a data file at a time; a second open raises {@link EmbeddedStoreLockedException}.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoStore.class);

    private final Path dataFile;
    private final MVStore store;
    private final GroupCommitter committer;
    private final StoreCompactor compactor;
    private final MongoServer server;
    private final InetSocketAddress address;
    private final DataDirectoryLock directoryLock;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongoStore(
            DataDirectoryLock directoryLock,
            Path dataFile,
            MVStore store,
            GroupCommitter committer,
            StoreCompactor compactor,
            MongoServer server,
            InetSocketAddress address) {
        this.directoryLock = directoryLock;
        this.dataFile = dataFile;
        this.store = store;
        this.committer = committer;
        this.compactor = compactor;
        this.server = server;
        this.address = address;
    }

    /**
     * Opens the data file (creating the directory and file if missing) and starts listening.
     *
     * @throws EmbeddedStoreLockedException if another process or store holds the data file
     * @throws EmbeddedStoreException if the file cannot be opened or the address cannot be bound
     */
    public static EmbeddedMongoStore open(EmbeddedStoreOptions options) {
        Path dataFile = options.dataFile().toAbsolutePath();
        createDirectories(options.dataDirectory(), dataFile);
        DataDirectoryLock directoryLock = DataDirectoryLock.acquire(options.dataDirectory(), dataFile);
        try {
            CloseCompaction.cleanUpInterruptedCompaction(dataFile);
            return start(options, directoryLock, dataFile, openMvStore(dataFile, options.cacheSizeMb()));
        } catch (RuntimeException e) {
            directoryLock.close();
            throw e;
        }
    }

    private static EmbeddedMongoStore start(
            EmbeddedStoreOptions options, DataDirectoryLock directoryLock, Path dataFile, MVStore store) {

        GroupCommitter committer = new GroupCommitter(store, dataFile, options.durability());
        StoreCompactor compactor = new StoreCompactor(store, dataFile, committer);
        MongoServer server = null;
        try {
            DurableH2Backend backend = new DurableH2Backend(store, committer, dataFile, options.compactOnClose());
            // Opening the backend may create its bookkeeping maps, so it starts from a committed file.
            committer.commitNow();

            server = new MongoServer(backend);
            server.bind(new InetSocketAddress(options.bindHost(), options.port()), 1, options.workerThreads());
            compactor.start(options.compactionInterval());
        } catch (RuntimeException e) {
            compactor.close();
            if (server != null) {
                server.shutdownNow();
            }
            store.closeImmediately();
            throw new EmbeddedStoreException(
                    dataFile,
                    "Failed to start the embedded store on " + dataFile + " at " + options.bindHost() + ":"
                            + options.port() + ": " + e.getMessage(),
                    e);
        }

        InetSocketAddress address = server.getLocalAddress();
        log.info(
                "Embedded MongoDB-wire store at {}, listening on {}:{}, durability={}",
                dataFile,
                address.getHostString(),
                address.getPort(),
                options.durability());
        return new EmbeddedMongoStore(directoryLock, dataFile, store, committer, compactor, server, address);
    }

    /** Returns a MongoDB connection string for this store, such as {@code mongodb://127.0.0.1:40123}. */
    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Returns the TCP port the store listens on. */
    public int port() {
        return address.getPort();
    }

    /** Returns the absolute path of the MVStore file. */
    public Path dataFile() {
        return dataFile;
    }

    /** Returns the number of write commands run since open, including failed ones, to compare with commits. */
    public long writeCount() {
        return committer.writeCount();
    }

    /** Returns the number of commits since open, below {@link #writeCount()} when concurrent writers shared them. */
    public long commitCount() {
        return committer.commitCount();
    }

    /** Returns the current size of the data file in bytes, or 0 once the store is closed. */
    public long fileSizeBytes() {
        return store.isClosed() ? 0 : store.getFileStore().size();
    }

    /**
     * Stops listening, commits pending writes, closes the file and, unless disabled in the options, rewrites it with
     * only its live pages. Later calls do nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        compactor.close();
        try {
            // Closes client connections, waits for running commands, then closes the backend, which commits and
            // compacts.
            server.shutdownNow();
        } finally {
            directoryLock.close();
        }
        log.info("Embedded MongoDB-wire store at {} closed", dataFile);
    }

    private static void createDirectories(Path dataDirectory, Path dataFile) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create data directory " + dataDirectory + " for " + dataFile, e);
        }
    }

    private static MVStore openMvStore(Path dataFile, int cacheSizeMb) {
        try {
            // Auto-commit is off (no delay, no buffer limit) because only GroupCommitter may commit: a commit taken
            // in the middle of a command would store half of it.
            MVStore store = new MVStore.Builder()
                    .fileName(dataFile.toString())
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .cacheSize(cacheSizeMb)
                    .open();
            // Dead chunks become free space at once instead of after the default 45 s. At hundreds of commits per
            // second the default keeps gigabytes of dead chunks. It is safe for a killed process because the
            // operating system keeps every write, and in FSYNC mode because each commit is flushed before the next
            // one may reuse space. NOTE: in COMMIT mode a machine crash can write a reused chunk to the disk before
            // the commit that freed it, so the file may not reopen; FSYNC mode does not have this risk.
            store.setRetentionTime(0);
            return store;
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new EmbeddedStoreLockedException(dataFile, e);
            }
            throw new EmbeddedStoreException(
                    dataFile, "Failed to open data file " + dataFile + ": " + e.getMessage(), e);
        }
    }
}
