package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedStoreOptionsTest {

    private final EmbeddedStoreOptions defaults = EmbeddedStoreOptions.defaults(Path.of("data"));

    @Test
    void defaultsListenOnLoopbackAndFreePort() {
        assertThat(defaults.bindHost()).isEqualTo("127.0.0.1");
        assertThat(defaults.port()).isZero();
        assertThat(defaults.cacheSizeMb()).isEqualTo(256);
        assertThat(defaults.compactOnClose()).isTrue();
        assertThat(defaults.dataFile()).isEqualTo(Path.of("data", "ledger.mv.db"));
    }

    @Test
    void withMethodsChangeOneSetting() {
        EmbeddedStoreOptions changed = defaults.withPort(27018).withDurability(Durability.FSYNC);

        assertThat(changed.port()).isEqualTo(27018);
        assertThat(changed.durability()).isEqualTo(Durability.FSYNC);
        assertThat(changed.bindHost()).isEqualTo(defaults.bindHost());
        assertThat(changed.dataDirectory()).isEqualTo(defaults.dataDirectory());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPort(70_000));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withPort(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBindHost(" "));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withCacheSizeMb(0));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withWorkerThreads(0));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withCompactionInterval(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withCompactionInterval(Duration.ofMillis(-1)));
    }
}
