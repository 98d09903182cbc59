package io.openloop.ledger.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.projection.ProjectionDefinition;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The operator's routes that rebuild projections from the event store while the API keeps serving. */
@RestController
class ProjectionReplayRoutes {

    private final ProjectionReplays replays;

    ProjectionReplayRoutes(ProjectionReplays replays) {
        this.replays = replays;
    }

    /** Lists the replayable projections with their collections, live token position and last replay. */
    @OperatorOnly
    @GetMapping(path = "/api/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ProjectionList> listProjections(Caller caller) {
        return Blocking.call(() -> {
            long head = replays.headPosition();
            List<ProjectionView> projections = new ArrayList<>();
            for (String name : replays.names()) {
                ProjectionDefinition definition = replays.definition(name);
                projections.add(new ProjectionView(
                        name, definition.collections(), replays.tokenPosition(name), replays.status(name)));
            }
            return new ProjectionList(head, projections);
        });
    }

    /** Starts a replay of one projection. */
    @OperatorOnly
    @PostMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ReplayStatus> replayProjection(@PathVariable String name, Caller caller) {
        return Blocking.call(() -> replays.start(List.of(name)).replays().get(0));
    }

    /**
     * Starts one replay of the named projections, or of every projection when the body or its names are absent. The
     * body is read as a tree so that a misspelt field is rejected rather than taken as "names absent".
     */
    @OperatorOnly
    @PostMapping(path = "/api/admin/projections/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ProjectionReplays.ReplayStart> replayProjections(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = false,
                            content = @Content(schema = @Schema(implementation = ReplayRequest.class)))
                    @RequestBody(required = false)
                    JsonNode body,
            Caller caller) {
        return Blocking.call(() -> {
            List<String> requested = names(body);
            List<String> names = requested == null ? new ArrayList<>(replays.names()) : requested;
            if (names.isEmpty()) {
                throw Requests.invalid(
                        "names", "names must list at least one projection; leave it out to replay every projection");
            }
            return replays.start(names);
        });
    }

    /** Returns the names in a replay body, or null when the body or its {@code names} is absent or null. */
    static List<String> names(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return null;
        }
        if (!body.isObject()) {
            throw new LedgerException(
                    ErrorCode.MALFORMED_REQUEST,
                    "request body must be a JSON object such as {\"names\": [\"loops\"]}, or empty to replay every"
                            + " projection");
        }
        Map<String, String> problems = new LinkedHashMap<>();
        for (Iterator<String> fields = body.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!field.equals("names")) {
                String name = EchoedValues.excerpt(field);
                problems.put(name, name + " is not a field of this request; the only field is names");
            }
        }
        JsonNode names = body.path("names");
        List<String> result = null;
        if (names.isArray()) {
            result = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                JsonNode name = names.get(i);
                if (name.isTextual()) {
                    result.add(name.asText());
                } else {
                    String field = "names[" + i + "]";
                    String type = name.getNodeType().name().toLowerCase(Locale.ROOT);
                    problems.put(field, field + " must be a projection name as a JSON string, not " + type);
                }
            }
        } else if (!names.isMissingNode() && !names.isNull()) {
            problems.put("names", "names must be an array of projection names, or left out to replay every projection");
        }
        if (!problems.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED, String.join("; ", problems.values()), Map.of("fields", problems));
        }
        return result;
    }

    /** Reads the status of the projection's last replay. */
    @OperatorOnly
    @GetMapping(path = "/api/admin/projections/{name}/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ReplayStatus> replayStatus(@PathVariable String name, Caller caller) {
        return Blocking.call(() -> {
            ReplayStatus status = replays.status(name);
            if (status == null) {
                throw new LedgerException(
                        ErrorCode.NOT_FOUND,
                        "projection " + name + " was never replayed; start a replay with POST"
                                + " /api/admin/projections/" + name + "/replay");
            }
            return status;
        });
    }

    /** Body of a replay of several projections; {@code names} absent means every projection. */
    @Schema(name = "ProjectionReplayRequest")
    record ReplayRequest(List<String> names) {}

    /** One replayable projection. */
    @Schema(name = "ProjectionView")
    record ProjectionView(String name, List<String> collections, Long tokenPosition, ReplayStatus replay) {}

    /** Every replayable projection and the head position of the event store. */
    @Schema(name = "ProjectionList")
    record ProjectionList(long headPosition, List<ProjectionView> projections) {}
}
