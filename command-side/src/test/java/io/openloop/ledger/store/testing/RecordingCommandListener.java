package io.openloop.ledger.store.testing;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Records the filter of every query, update and delete command the driver sends while recording is on. */
public final class RecordingCommandListener implements CommandListener {

    private final List<RecordedQuery> queries = new ArrayList<>();
    private volatile boolean recording;

    public void start() {
        synchronized (queries) {
            queries.clear();
        }
        recording = true;
    }

    public List<RecordedQuery> stop() {
        recording = false;
        synchronized (queries) {
            return List.copyOf(queries);
        }
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!recording) {
            return;
        }
        BsonDocument command = event.getCommand();
        String name = event.getCommandName();
        switch (name) {
            case "find" -> record(name, command.getString("find").getValue(), filterOf(command, "filter"));
            case "findAndModify" ->
                record(name, command.getString("findAndModify").getValue(), filterOf(command, "query"));
            case "update" -> {
                for (BsonValue update : command.getArray("updates", new org.bson.BsonArray())) {
                    record(name, command.getString("update").getValue(), filterOf(update.asDocument(), "q"));
                }
            }
            case "delete" -> {
                for (BsonValue delete : command.getArray("deletes", new org.bson.BsonArray())) {
                    record(name, command.getString("delete").getValue(), filterOf(delete.asDocument(), "q"));
                }
            }
            case "count", "aggregate", "distinct", "mapReduce" ->
                record(
                        name,
                        command.get(name).isString() ? command.getString(name).getValue() : "?",
                        new BsonDocument("unsupported command", command.get(name)));
            default -> {
                // insert, createIndexes, getMore and the like carry no filter
            }
        }
    }

    private static BsonDocument filterOf(BsonDocument document, String field) {
        BsonValue filter = document.get(field);
        // The event's command is backed by a buffer the driver releases afterwards, so the filter is copied now.
        return filter == null ? new BsonDocument() : filter.asDocument().clone();
    }

    private void record(String command, String collection, BsonDocument filter) {
        synchronized (queries) {
            queries.add(new RecordedQuery(command, collection, filter));
        }
    }
}
