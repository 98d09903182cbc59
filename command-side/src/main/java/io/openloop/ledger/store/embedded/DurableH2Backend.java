package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server with every write command committed before its reply is sent.
 *
 * <p>In mongo-java-server 1.47.0 every command reaches {@link #handleCommand}: OP_MSG messages (drivers 3.6 and
 * later) through {@code handleMessage}, and legacy OP_QUERY commands on {@code $cmd} directly. Other OP_QUERY requests
 * reach {@link #handleQuery} and are reads.
 *
 * <p>Read-only commands run outside the {@link GroupCommitter} gate, so a long scan does not hold up commits. At most
 * they open empty maps of a database or collection not seen before, which a reopened store opens again. The store
 * overwrites dead chunks at once (retention time 0), so a read registers the MVStore version it started at. The chunks
 * it may still read are then not reused while it runs.
 */
final class DurableH2Backend extends H2Backend {

    private final GroupCommitter committer;
    private final Path dataFile;
    private final boolean compactOnClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    DurableH2Backend(MVStore store, GroupCommitter committer, Path dataFile, boolean compactOnClose) {
        super(store);
        this.committer = committer;
        this.dataFile = dataFile;
        this.compactOnClose = compactOnClose;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (CommandKinds.isReadOnly(command, query)) {
            return read(() -> super.handleCommand(channel, databaseName, command, query));
        }
        return committer.write(() -> super.handleCommand(channel, databaseName, command, query));
    }

    /** Opens databases whose {@code renameCollection} moves the stored maps too; see {@link DurableH2Database}. */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new DurableH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public QueryResult handleQuery(MongoQuery query) {
        return read(() -> super.handleQuery(query));
    }

    /**
     * Commits pending writes, closes the file and, if configured, rewrites it with only its live pages. Later calls do
     * nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            committer.close();
        } finally {
            getMvStore().close();
        }
        if (compactOnClose) {
            CloseCompaction.rewrite(dataFile);
        }
    }

    private <T> T read(Supplier<T> command) {
        MVStore store = getMvStore();
        MVStore.TxCounter version = store.registerVersionUsage();
        try {
            return command.get();
        } finally {
            store.deregisterVersionUsage(version);
        }
    }
}
