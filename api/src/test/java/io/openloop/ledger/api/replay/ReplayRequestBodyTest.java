package io.openloop.ledger.api.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The body of {@code POST /api/admin/projections/replay}, parsed before any replay starts. */
class ReplayRequestBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static LedgerException rejection(String body) throws Exception {
        JsonNode node = json(body);
        return catchThrowableOfType(LedgerException.class, () -> ProjectionReplayRoutes.names(node));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> fields(LedgerException error) {
        return (Map<String, String>) error.details().get("fields");
    }

    @Test
    void absentNamesMeanEveryProjection() throws Exception {
        assertThat(ProjectionReplayRoutes.names(null)).isNull();
        assertThat(ProjectionReplayRoutes.names(MissingNode.getInstance())).isNull();
        assertThat(ProjectionReplayRoutes.names(json("null"))).isNull();
        assertThat(ProjectionReplayRoutes.names(json("{}"))).isNull();
        assertThat(ProjectionReplayRoutes.names(json("{\"names\": null}"))).isNull();
    }

    @Test
    void namesAreReadInOrder() throws Exception {
        assertThat(ProjectionReplayRoutes.names(json("{\"names\": [\"tools\", \"loops\"]}")))
                .containsExactly("tools", "loops");
        assertThat(ProjectionReplayRoutes.names(json("{\"names\": []}"))).isEmpty();
    }

    @Test
    void nullNameIsNamedByIndex() throws Exception {
        LedgerException error = rejection("{\"names\": [\"loops\", null]}");

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("names[1]");
        assertThat(error.getMessage()).contains("names[1]", "null");
    }

    @Test
    void nonTextNameIsNamedByIndex() throws Exception {
        LedgerException error = rejection("{\"names\": [1, \"loops\", {}]}");

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("names[0]", "names[2]");
    }

    @Test
    void unknownFieldIsRejected() throws Exception {
        LedgerException error = rejection("{\"nams\": [\"tools\"]}");

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("nams");
        assertThat(error.getMessage()).contains("nams", "names");
    }

    @Test
    void unknownFieldBesideNamesIsRejected() throws Exception {
        LedgerException error = rejection("{\"names\": [\"tools\"], \"force\": true}");

        assertThat(fields(error)).containsOnlyKeys("force");
    }

    @Test
    void namesThatIsNotAnArrayIsRejected() throws Exception {
        LedgerException error = rejection("{\"names\": \"tools\"}");

        assertThat(error.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(fields(error)).containsOnlyKeys("names");
    }

    @Test
    void bodyThatIsNotAnObjectIsMalformed() throws Exception {
        LedgerException error = rejection("[\"tools\"]");

        assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(error.getMessage()).contains("JSON object");
    }
}
