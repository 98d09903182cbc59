package io.openloop.ledger.api.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsPeriodTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private static void assertInvalid(String from, String to, String field) {
        LedgerException error =
                catchThrowableOfType(() -> AnalyticsPeriod.bounded(from, to, CLOCK), LedgerException.class);
        assertThat(error).as("from=%s to=%s", from, to).isNotNull();
        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        Map<?, ?> fields = (Map<?, ?>) error.details().get("fields");
        assertThat(fields.containsKey(field)).as("fields %s", fields).isTrue();
    }

    @Test
    void farYearsAreInvalid() {
        assertInvalid(null, "-999999999-01-01", "to");
        assertInvalid(null, "+999999999-12-31", "to");
        assertInvalid("-999999999-01-01", "2026-12-01", "from");
        assertInvalid(null, "+10000-01-01T00:00:01Z", "to");
        assertInvalid("-0001-12-31T23:59:59Z", null, "from");
    }

    @Test
    void fourDigitYearsAreValid() {
        AnalyticsPeriod first = AnalyticsPeriod.bounded(null, "0000-01-01", CLOCK);
        assertThat(first.to()).isEqualTo(Instant.parse("0000-01-02T00:00:00Z"));

        AnalyticsPeriod last = AnalyticsPeriod.bounded("9999-12-01", "9999-12-31", CLOCK);
        assertThat(last.to()).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
    }
}
