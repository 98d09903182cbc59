package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.nio.file.Path;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    private static final Path FILE = Path.of("in-memory");

    private final MVStore store = MVStore.open(null);
    private final MVMap<String, String> map = store.openMap("data");

    @AfterEach
    void closeStore() {
        if (!store.isClosed()) {
            store.closeImmediately();
        }
    }

    @Test
    void writeReturnsReplyAfterCommit() {
        GroupCommitter committer = new GroupCommitter(store, FILE, Durability.COMMIT);
        long versionBefore = store.getCurrentVersion();

        String reply = committer.write(() -> map.put("a", "1") == null ? "ok" : "replaced");

        assertThat(reply).isEqualTo("ok");
        assertThat(store.getCurrentVersion()).as("store version").isGreaterThan(versionBefore);
        assertThat(store.hasUnsavedChanges()).as("unsaved changes").isFalse();
        assertThat(committer.commitCount()).isEqualTo(1);
        assertThat(committer.writeCount()).isEqualTo(1);
    }

    @Test
    void failedWriteIsCommittedAndRethrown() {
        GroupCommitter committer = new GroupCommitter(store, FILE, Durability.COMMIT);
        IllegalStateException failure = new IllegalStateException("second document rejected");

        IllegalStateException thrown = catchThrowableOfType(
                () -> committer.write(() -> {
                    map.put("first", "1");
                    throw failure;
                }),
                IllegalStateException.class);

        assertThat(thrown).isSameAs(failure);
        assertThat(store.hasUnsavedChanges()).as("unsaved changes").isFalse();
        assertThat(committer.writeCount()).isEqualTo(1);
        assertThat(committer.commitCount()).isEqualTo(1);
    }

    @Test
    void writeAfterCloseIsRejected() {
        GroupCommitter committer = new GroupCommitter(store, FILE, Durability.COMMIT);
        committer.close();

        MongoServerError rejected = catchThrowableOfType(() -> committer.write(() -> "ok"), MongoServerError.class);

        assertThat(rejected).isNotNull();
        assertThat(rejected.getCode()).isEqualTo(91);
        assertThat(committer.writeCount()).isZero();
    }

    @Test
    void failedCommitRejectsThisAndLaterWrites() {
        GroupCommitter committer = new GroupCommitter(store, FILE, Durability.FSYNC);
        // A closed store makes the flush after the commit fail.
        store.closeImmediately();

        MongoServerError first = catchThrowableOfType(() -> committer.write(() -> "ok"), MongoServerError.class);
        MongoServerError second = catchThrowableOfType(() -> committer.write(() -> "ok"), MongoServerError.class);

        assertThat(first).isNotNull();
        assertThat(first.getCode()).isEqualTo(1);
        assertThat(first.getMessage()).contains("may not be durable");
        assertThat(second).isNotNull();
        assertThat(second.getCode()).isEqualTo(1);
        assertThat(committer.commitCount()).isZero();
    }
}
