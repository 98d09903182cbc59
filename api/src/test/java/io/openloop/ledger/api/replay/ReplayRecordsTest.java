package io.openloop.ledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.EmbeddedStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReplayRecordsTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(30);

    @RegisterExtension
    static final EmbeddedStore embedded = new EmbeddedStore();

    MongoDatabase database;

    @BeforeEach
    void freshCollection() {
        database = embedded.client().getDatabase("replay_records_test");
        database.getCollection(ReplayRecords.COLLECTION).drop();
    }

    @Test
    void runningReplayOfLiveNodeIsNotAbandoned() {
        records("node_a", START).save(running("trust-scores"));

        ReplayRecords other = records("node_b", START.plusSeconds(10));

        assertThat(other.abandoned(LEASE)).isEmpty();
        assertThat(other.activeElsewhere(LEASE)).extracting(ReplayStatus::name).containsExactly("trust-scores");
    }

    @Test
    void replayWithoutHeartbeatIsAbandoned() {
        records("node_a", START).save(running("trust-scores"));

        ReplayRecords other = records("node_b", START.plusSeconds(40));

        assertThat(other.activeElsewhere(LEASE)).isEmpty();
        assertThat(other.abandoned(LEASE)).extracting(ReplayStatus::name).containsExactly("trust-scores");
    }

    @Test
    void heartbeatKeepsReplayOwned() {
        records("node_a", START).save(running("tasks"));
        records("node_a", START.plusSeconds(35)).heartbeat();

        ReplayRecords other = records("node_b", START.plusSeconds(40));

        assertThat(other.abandoned(LEASE)).isEmpty();
        assertThat(other.activeElsewhere(LEASE)).extracting(ReplayStatus::name).containsExactly("tasks");
    }

    @Test
    void ownReplayIsNotElsewhere() {
        records("node_a", START).save(running("tasks"));

        assertThat(records("node_a", START.plusSeconds(1)).activeElsewhere(LEASE))
                .isEmpty();
    }

    @Test
    void finishedReplayIsNeitherActiveNorAbandoned() {
        ReplayRecords owner = records("node_a", START);
        ReplayStatus done = new ReplayStatus(
                "tasks", "rpl_1", ReplayState.DONE, 9L, 10, 10, 5.0, null, START, START.plusSeconds(2), null);
        owner.save(done);

        ReplayRecords other = records("node_b", START.plusSeconds(60));

        assertThat(other.abandoned(LEASE)).isEmpty();
        assertThat(other.activeElsewhere(LEASE)).isEmpty();
        assertThat(other.find("tasks").state()).isEqualTo(ReplayState.DONE);
    }

    private ReplayRecords records(String node, Instant now) {
        return new ReplayRecords(database, node, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ReplayStatus running(String name) {
        return new ReplayStatus(name, "rpl_1", ReplayState.RUNNING, 4L, 10, 5, 5.0, null, START, null, null);
    }
}
