package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedStoreMainTest {

    @Test
    void settingsDefaultToLocalStoreOnMongoPort() {
        EmbeddedStoreMain.Settings settings = EmbeddedStoreMain.Settings.parse(new String[0], Map.of());

        assertThat(settings.options().dataDirectory()).isEqualTo(Path.of("data", "embedded-store"));
        assertThat(settings.options().port()).isEqualTo(27017);
        assertThat(settings.options().bindHost()).isEqualTo("127.0.0.1");
        assertThat(settings.options().durability()).isEqualTo(EmbeddedStoreOptions.DEFAULT_DURABILITY);
        assertThat(settings.portFile()).isNull();
    }

    @Test
    void argumentsOverrideEnvironment() {
        Map<String, String> env = Map.of("OPENLOOP_STORE_PORT", "28000", "OPENLOOP_STORE_DATA_DIR", "/srv/store");

        EmbeddedStoreMain.Settings settings =
                EmbeddedStoreMain.Settings.parse(new String[] {"--port", "29000", "--durability", "fsync"}, env);

        assertThat(settings.options().port()).isEqualTo(29000);
        assertThat(settings.options().dataDirectory()).isEqualTo(Path.of("/srv/store"));
        assertThat(settings.options().durability()).isEqualTo(Durability.FSYNC);
    }

    @Test
    void optionsTakeValueAfterEqualsSign() {
        EmbeddedStoreMain.Settings settings = EmbeddedStoreMain.Settings.parse(
                new String[] {"--port=29001", "--data-dir=/srv/a=b", "--durability", "commit"}, Map.of());

        assertThat(settings.options().port()).isEqualTo(29001);
        assertThat(settings.options().dataDirectory()).isEqualTo(Path.of("/srv/a=b"));
        assertThat(settings.options().durability()).isEqualTo(Durability.COMMIT);
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedStoreMain.Settings.parse(new String[] {"--port"}, Map.of()))
                .withMessageContaining("--port is missing its value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedStoreMain.Settings.parse(new String[] {"--port", "x"}, Map.of()))
                .withMessageContaining("Invalid port [x]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedStoreMain.Settings.parse(new String[] {"--port="}, Map.of()))
                .withMessageContaining("Invalid port []");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedStoreMain.Settings.parse(new String[] {"--durability", "sync"}, Map.of()))
                .withMessageContaining("expected COMMIT or FSYNC");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedStoreMain.Settings.parse(new String[] {"--colour", "red"}, Map.of()))
                .withMessageContaining("Unknown option --colour");
    }
}
