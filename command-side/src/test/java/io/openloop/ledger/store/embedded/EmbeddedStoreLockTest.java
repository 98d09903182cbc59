package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data file opened by one store cannot be opened by a second one until the first closes. */
class EmbeddedStoreLockTest {

    @TempDir
    Path dataDirectory;

    @Test
    void secondOpenInSameJvmIsRejected() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDirectory);
        try (EmbeddedMongoStore first = EmbeddedMongoStore.open(options)) {
            EmbeddedStoreLockedException rejected =
                    catchThrowableOfType(() -> EmbeddedMongoStore.open(options), EmbeddedStoreLockedException.class);

            assertThat(rejected).isNotNull();
            assertThat(rejected.dataFile()).isEqualTo(first.dataFile());
            assertThat(rejected.getMessage()).contains(first.dataFile().toString());
            assertThat(rejected.getMessage()).contains("is locked by another process");
        }
    }

    @Test
    void openWhileAnotherProcessHoldsFileIsRejected() throws Exception {
        Path log = Path.of("target", "embedded-store-logs", "lock-" + System.nanoTime() + ".log");
        try (StoreProcess holder = StoreProcess.start(dataDirectory, Durability.COMMIT, log)) {
            EmbeddedStoreLockedException rejected = catchThrowableOfType(
                    () -> EmbeddedMongoStore.open(EmbeddedStoreOptions.defaults(dataDirectory)),
                    EmbeddedStoreLockedException.class);

            assertThat(rejected).isNotNull();
            assertThat(rejected.getMessage()).contains("is locked by another process");
            assertThat(holder.isAlive()).as("process holding the file").isTrue();
        }
    }

    @Test
    void fileOpensAgainAfterClose() {
        EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(dataDirectory);
        EmbeddedMongoStore.open(options).close();

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.open(options)) {
            assertThat(reopened.dataFile()).exists();
        }
    }
}
