package io.openloop.ledger.store.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void sortsKeysAndNormalizesNumbers() {
        assertThat(CanonicalJson.canonicalize("{ \"b\": 1.50, \"a\": [1E2, -0.0] }"))
                .isEqualTo("{\"a\":[100,0],\"b\":1.5}");
    }

    @Test
    void writesUnicodeLiterally() {
        assertThat(CanonicalJson.canonicalize("{\"name\":\"caf\\u00e9\"}")).isEqualTo("{\"name\":\"café\"}");
    }

    @Test
    void acceptsScalars() {
        assertThat(CanonicalJson.canonicalize("\"text\"")).isEqualTo("\"text\"");
        assertThat(CanonicalJson.canonicalize("42")).isEqualTo("42");
        assertThat(CanonicalJson.canonicalize("null")).isEqualTo("null");
    }

    @Test
    void keepsIntegersUpTo2Pow53() {
        assertThat(CanonicalJson.canonicalize("{\"v\":9007199254740992}")).isEqualTo("{\"v\":9007199254740992}");
    }

    @Test
    void rejectsIntegerBeyondDoublePrecision() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"v\":9007199254740993}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JSON strings");
    }

    @Test
    void rejectsDecimalBeyondDoublePrecision() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"v\":0.12345678901234567890123}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsInvalidJson() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"v\":"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
    }
}
