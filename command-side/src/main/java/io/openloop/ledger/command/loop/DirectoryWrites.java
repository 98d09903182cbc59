package io.openloop.ledger.command.loop;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link LoopDirectory} write once the unit of work that stored the loop's events has committed, so the
 * directory never shows a change whose event was rolled back.
 *
 * <p>A failed write is logged and not raised, because the events are already stored and the command succeeded;
 * {@code LoopDirectoryUpdater} re-applies the same events and repairs the entry.
 */
final class DirectoryWrites {

    private static final Logger log = LoggerFactory.getLogger(DirectoryWrites.class);

    private DirectoryWrites() {}

    static void afterCommit(String loopId, long version, Runnable write) {
        if (!CurrentUnitOfWork.isStarted()) {
            runLogged(loopId, version, write);
            return;
        }
        CurrentUnitOfWork.get().afterCommit(unitOfWork -> runLogged(loopId, version, write));
    }

    private static void runLogged(String loopId, long version, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn(
                    "Could not update the loop directory for loop {} at version {}; the loop-directory event handler "
                            + "will apply it from the events",
                    loopId,
                    version,
                    e);
        }
    }
}
