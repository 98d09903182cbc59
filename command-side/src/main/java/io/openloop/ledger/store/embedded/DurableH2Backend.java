package io.openloop.ledger.store.embedded;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The H2 backend of mongo-java-server with every write command committed before its reply is sent.
 *
 * <p>In mongo-java-server 1.47.0 every command reaches {@link #handleCommand}: OP_MSG messages (drivers 3.6 and
 * later) through {@code handleMessage}, and legacy OP_QUERY commands on {@code $cmd} directly. Other OP_QUERY requests
 * are reads. Read-only commands run outside the {@link GroupCommitter} gate, so a long scan does not hold up commits.
 * At most they open empty maps of a database or collection not seen before, which a reopened store opens again.
 */
final class DurableH2Backend extends H2Backend {

    private final GroupCommitter committer;
    private final int closeCompactionMillis;

    DurableH2Backend(MVStore store, GroupCommitter committer, int closeCompactionMillis) {
        super(store);
        this.committer = committer;
        this.closeCompactionMillis = closeCompactionMillis;
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        if (CommandKinds.isReadOnly(command, query)) {
            return super.handleCommand(channel, databaseName, command, query);
        }
        return committer.write(() -> super.handleCommand(channel, databaseName, command, query));
    }

    /** Commits pending writes, compacts the file for at most the configured time and closes it. */
    @Override
    public void close() {
        committer.close();
        getMvStore().close(closeCompactionMillis);
    }
}
