package io.openloop.ledger.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandKindsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "insert",
                "update",
                "delete",
                "findAndModify",
                "create",
                "createIndexes",
                "drop",
                "dropIndexes",
                "dropDatabase",
                "renameCollection",
                "someFutureCommand"
            })
    void writeCommandsNeedCommit(String command) {
        assertThat(CommandKinds.isReadOnly(command, new Document(command, "events")))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"find", "getMore", "count", "distinct", "listIndexes", "hello", "isMaster", "ping"})
    void readCommandsNeedNoCommit(String command) {
        assertThat(CommandKinds.isReadOnly(command, new Document(command, "events")))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FIND", "Insert"})
    void namesMatchRegardlessOfCase(String command) {
        boolean expected = command.equalsIgnoreCase("find");
        assertThat(CommandKinds.isReadOnly(command, new Document())).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$out", "$merge"})
    void aggregateWithWritingStageNeedsCommit(String stage) {
        Document query = new Document("aggregate", "events")
                .append("pipeline", List.of(new Document("$match", new Document()), new Document(stage, "copy")));

        assertThat(CommandKinds.isReadOnly("aggregate", query)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"$match", "$group"})
    void aggregateWithoutWritingStageNeedsNoCommit(String stage) {
        Document query = new Document("aggregate", "events").append("pipeline", List.of(new Document(stage, "x")));

        assertThat(CommandKinds.isReadOnly("aggregate", query)).isTrue();
    }
}
