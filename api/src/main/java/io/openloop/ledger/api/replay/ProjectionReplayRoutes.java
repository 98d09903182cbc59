package io.openloop.ledger.api.replay;

import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Requests;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.projection.ProjectionDefinition;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
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

    /** Starts one replay of the named projections, or of every projection when the body or its names are absent. */
    @OperatorOnly
    @PostMapping(path = "/api/admin/projections/replay", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<ProjectionReplays.ReplayStart> replayProjections(
            @RequestBody(required = false) ReplayRequest request, Caller caller) {
        return Blocking.call(() -> {
            List<String> names =
                    request == null || request.names() == null ? new ArrayList<>(replays.names()) : request.names();
            if (names.isEmpty()) {
                throw Requests.invalid(
                        "names", "names must list at least one projection; leave it out to replay every projection");
            }
            return replays.start(names);
        });
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
