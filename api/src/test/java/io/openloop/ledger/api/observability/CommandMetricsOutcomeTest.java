package io.openloop.ledger.api.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

class CommandMetricsOutcomeTest {

    @Test
    void domainRejectionTagsItsCode() {
        LedgerException handleTaken = new LedgerException(ErrorCode.HANDLE_TAKEN, "handle @a is taken");

        assertThat(CommandMetrics.outcomeOf(handleTaken)).isEqualTo("HANDLE_TAKEN");
    }

    @Test
    void wrappedRejectionTagsItsCode() {
        LedgerException handleTaken = new LedgerException(ErrorCode.HANDLE_TAKEN, "handle @a is taken");
        RuntimeException wrapped = new IllegalStateException("handler failed", handleTaken);
        CommandExecutionException remote = new CommandExecutionException("remote failure", null, handleTaken);

        assertThat(CommandMetrics.outcomeOf(wrapped)).isEqualTo("HANDLE_TAKEN");
        assertThat(CommandMetrics.outcomeOf(remote)).isEqualTo("HANDLE_TAKEN");
    }

    @Test
    void concurrentAppendTagsConcurrentModification() {
        RuntimeException failure = new IllegalStateException("commit failed", new ConcurrencyException("taken"));

        assertThat(CommandMetrics.outcomeOf(failure)).isEqualTo("CONCURRENT_MODIFICATION");
    }

    @Test
    void unexpectedFailureTagsInternalError() {
        assertThat(CommandMetrics.outcomeOf(new IllegalStateException("store is gone")))
                .isEqualTo("INTERNAL_ERROR");
    }
}
