package io.openloop.ledger.command.loop;

import com.mongodb.client.MongoDatabase;

/** Builds the event handler of the {@code loop-directory} processing group outside Spring, for projection replays. */
public final class LoopDirectoryHandlers {

    /** The processing group of the handler. */
    public static final String PROCESSING_GROUP = LoopDirectoryUpdater.PROCESSING_GROUP;

    /** The collection the handler writes. */
    public static final String COLLECTION = MongoLoopDirectory.COLLECTION;

    private LoopDirectoryHandlers() {}

    /** Returns a new handler of the loop events that writes the directory in {@code database}. */
    public static Object newHandler(MongoDatabase database) {
        return new LoopDirectoryUpdater(new MongoLoopDirectory(database));
    }
}
