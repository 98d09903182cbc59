package io.openloop.ledger.api.replay;

/** The stages of a projection replay. */
enum ReplayState {
    /** Applying stored events to the shadow collections while the live processor keeps running. */
    RUNNING,
    /** The live processor is stopped while the shadow catches up and replaces the live collections. */
    SWAPPING,
    /** The rebuilt collections are live and the processor runs again from the position the replay reached. */
    DONE,
    /** The replay stopped with an error. Shadow collections not yet renamed over the live ones are dropped. */
    FAILED;

    boolean isActive() {
        return this == RUNNING || this == SWAPPING;
    }
}
