package io.openloop.ledger.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.security.AnyCaller;
import io.openloop.ledger.api.security.Caller;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.api.web.Blocking;
import io.openloop.ledger.api.web.Cursors;
import io.openloop.ledger.api.web.Dispatcher;
import io.openloop.ledger.command.tool.ToolDirectory;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.Page;
import io.openloop.ledger.messages.auth.Scope;
import io.openloop.ledger.messages.loop.FindLoopQuery;
import io.openloop.ledger.messages.loop.LoopView;
import io.openloop.ledger.messages.tool.DeprecateToolVersionCommand;
import io.openloop.ledger.messages.tool.FindToolQuery;
import io.openloop.ledger.messages.tool.FindToolVersionQuery;
import io.openloop.ledger.messages.tool.ListToolsQuery;
import io.openloop.ledger.messages.tool.PublishToolVersionCommand;
import io.openloop.ledger.messages.tool.SemanticVersion;
import io.openloop.ledger.messages.tool.ToolDetails;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolNames;
import io.openloop.ledger.messages.tool.ToolSummary;
import io.openloop.ledger.messages.tool.ToolVersionView;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Routes that publish tool versions, list and read tools, and deprecate versions. */
@RestController
class ToolRoutes {

    private final Dispatcher dispatcher;
    private final ToolDirectory directory;
    private final ToolReadModelWaits waits;

    ToolRoutes(Dispatcher dispatcher, ToolDirectory directory, ToolReadModelWaits waits) {
        this.dispatcher = dispatcher;
        this.directory = directory;
        this.waits = waits;
    }

    /**
     * Publishes a version of a tool under the caller's loop handle, creating the tool on its first version. A version
     * not greater than the tool's latest gets 409 {@code VERSION_CONFLICT} with {@code latestVersion}.
     */
    @RequiresScope(value = Scope.TOOLS_PUBLISH, operator = false)
    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping(
            path = "/api/developer/tools/manifest",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<PublishedTool>> publish(
            @RequestBody(required = false) JsonNode body, Caller caller, ServerWebExchange exchange) {
        return Blocking.call(() -> {
            ToolManifest manifest = ManifestValidator.validate(body);
            LoopView publisher =
                    dispatcher.query(new FindLoopQuery(caller.loopId()), ResponseTypes.instanceOf(LoopView.class));
            String toolName = ToolNames.fullName(publisher.handle(), manifest.name());

            String toolId = directory.idFor(toolName);
            dispatcher.send(
                    new PublishToolVersionCommand(toolId, caller.loopId(), toolName, manifest), caller, exchange);
            waits.versionPublished(
                    toolId, SemanticVersion.parse(manifest.version()).key());

            PublishedTool published = new PublishedTool(
                    toolId,
                    toolName,
                    manifest.name(),
                    manifest.version(),
                    manifest.visibility().wireName());
            return ResponseEntity.created(URI.create(versionPath(toolName, manifest.version())))
                    .body(published);
        });
    }

    /** Lists marketplace tools and the private tools of the caller's loop and its ancestors, by full name. */
    @AnyCaller
    @GetMapping(path = "/api/tools", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<Page<ToolSummary>> list(
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String publisher,
            @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit,
            Caller caller) {
        int pageSize = Cursors.limit(limit);
        String afterToolName = Cursors.decode(after);
        String publisherHandle = publisher == null ? null : handle(publisher);
        ListToolsQuery query = new ListToolsQuery(category, publisherHandle, afterToolName, pageSize, viewer(caller));
        return Blocking.call(() -> {
            Page<ToolSummary> page = listPage(query);
            return new Page<>(page.items(), Cursors.encode(page.nextCursor()));
        });
    }

    /** Reads a tool and the list of its versions; {@code publisher} is the publisher's handle with its {@code @}. */
    @AnyCaller
    @GetMapping(path = "/api/tools/{publisher}/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ToolDetails> find(@PathVariable String publisher, @PathVariable String name, Caller caller) {
        String toolName = toolName(publisher, name);
        return Blocking.call(() -> dispatcher.query(
                new FindToolQuery(toolName, viewer(caller)), ResponseTypes.instanceOf(ToolDetails.class)));
    }

    /** Reads one version with its full manifest. */
    @AnyCaller
    @GetMapping(path = "/api/tools/{publisher}/{name}/versions/{version}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ToolVersionView> findVersion(
            @PathVariable String publisher, @PathVariable String name, @PathVariable String version, Caller caller) {
        String toolName = toolName(publisher, name);
        return Blocking.call(() -> dispatcher.query(
                new FindToolVersionQuery(toolName, version, viewer(caller)),
                ResponseTypes.instanceOf(ToolVersionView.class)));
    }

    /**
     * Deprecates a version: pinned invocations still run it, unpinned ones take the newest version not deprecated.
     * Only the publishing loop may deprecate; for any other caller the version is not found.
     */
    @RequiresScope(value = Scope.TOOLS_PUBLISH, operator = false)
    @PostMapping(
            path = "/api/tools/{publisher}/{name}/versions/{version}/deprecation",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ToolVersionView> deprecate(
            @PathVariable String publisher,
            @PathVariable String name,
            @PathVariable String version,
            @RequestBody(required = false) DeprecationRequest request,
            Caller caller,
            ServerWebExchange exchange) {
        String toolName = toolName(publisher, name);
        return Blocking.call(() -> {
            ToolVersionView found = dispatcher.query(
                    new FindToolVersionQuery(toolName, version, caller.loopId()),
                    ResponseTypes.instanceOf(ToolVersionView.class));
            if (!found.publisherLoopId().equals(caller.loopId())) {
                throw new LedgerException(
                        ErrorCode.NOT_FOUND,
                        "tool " + toolName + " has no version " + version + " published by loop " + caller.loopId(),
                        Map.of("toolName", toolName, "version", version));
            }
            String reason = request == null ? null : request.reason();
            dispatcher.send(new DeprecateToolVersionCommand(found.toolId(), version, reason), caller, exchange);
            waits.versionDeprecated(
                    found.toolId(),
                    SemanticVersion.parse(found.manifest().version()).key());
            return dispatcher.query(
                    new FindToolVersionQuery(toolName, version, caller.loopId()),
                    ResponseTypes.instanceOf(ToolVersionView.class));
        });
    }

    @SuppressWarnings("unchecked")
    private Page<ToolSummary> listPage(ListToolsQuery query) {
        return dispatcher.query(query, ResponseTypes.instanceOf(Page.class));
    }

    /** Returns the loop whose view applies: the caller's loop, or null for the operator, who sees every tool. */
    private static String viewer(Caller caller) {
        return caller.isOperator() ? null : caller.loopId();
    }

    /** Builds a full name from path parts; a malformed one cannot name a tool, so it is reported as not found. */
    private static String toolName(String publisher, String name) {
        String toolName = ToolNames.fullName(handle(publisher), name.toLowerCase(Locale.ROOT));
        if (!ToolNames.FULL_NAME.matcher(toolName).matches()) {
            throw new LedgerException(
                    ErrorCode.NOT_FOUND, "tool " + toolName + " not found", Map.of("toolName", toolName));
        }
        return toolName;
    }

    /** Folds a publisher handle to lower case and adds the {@code @} when it is missing. */
    private static String handle(String publisher) {
        String folded = publisher.toLowerCase(Locale.ROOT);
        return folded.startsWith("@") ? folded : "@" + folded;
    }

    static String versionPath(String toolName, String version) {
        return "/api/tools/" + toolName + "/versions/" + version;
    }

    /** The publish response. */
    record PublishedTool(String toolId, String toolName, String name, String version, String visibility) {}

    /** Body of a deprecation; optional. */
    record DeprecationRequest(String reason) {}
}
