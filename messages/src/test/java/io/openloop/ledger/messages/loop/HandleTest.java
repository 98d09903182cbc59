package io.openloop.ledger.messages.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandleTest {

    @ParameterizedTest
    @ValueSource(strings = {"@Acme_Business", "@ACME_BUSINESS", "@acme_business"})
    void handlesFoldToLowerCase(String raw) {
        assertThat(Handle.of(raw).value()).isEqualTo("@acme_business");
    }

    @ParameterizedTest
    @ValueSource(strings = {"@abc", "@a_1", "@0123456789abcdef0123456789abcdef"})
    void validHandlesAreAccepted(String raw) {
        assertThat(Handle.of(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "acme",
                "@",
                "@ab",
                "@0123456789abcdef0123456789abcdefg",
                "@acme-dev",
                "@acme dev",
                "@acme.dev",
                "@\u0430cme", // Cyrillic a
                "@ａcme", // full-width a
                "@acme\u0000",
                "@acme\n",
                "@@acme",
                "@acmé"
            })
    void invalidHandlesAreRejectedAsValidationFailed(String raw) {
        assertThatThrownBy(() -> Handle.of(raw))
                .isInstanceOf(LedgerException.class)
                .extracting(e -> ((LedgerException) e).code())
                .isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@\u0430cme", "@acmé"})
    void nonAsciiIsRejectedNotFolded(String raw) {
        assertThatThrownBy(() -> Handle.of(raw)).hasMessageContaining("non-ASCII");
    }
}
