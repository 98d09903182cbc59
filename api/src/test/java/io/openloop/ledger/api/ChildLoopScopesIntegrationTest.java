package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A child loop stays within its parent's effective permissions: at registration, through every route that could widen
 * them, and when the parent is narrowed, suspended or reinstated later.
 *
 * <p>Each test builds its own chain: a top-level loop, a parent under it narrowed to {@code aap:send},
 * {@code loops:manage} and {@code policy:evaluate}, and (where needed) a child of that parent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChildLoopScopesIntegrationTest {

    private static final List<String> PARENT_SCOPES = List.of("aap:send", "loops:manage", "policy:evaluate");
    private static final AtomicInteger HANDLES = new AtomicInteger();

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, ChildLoopScopesIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    ApiCalls api;
    String topId;
    String topSecret;
    String parentId;

    @BeforeEach
    void narrowedParent() {
        api = new ApiCalls(client);
        Map<String, Object> top = api.registerLoop(handle("top"), "pro");
        topId = (String) top.get("loopId");
        topSecret = ApiCalls.ownerSecret(top);

        Response parent = api.registerChild(topId, topSecret, handle("parent"), null);
        assertThat(parent.status()).as("parent registration: %s", parent).isEqualTo(201);
        parentId = parent.string("loopId");

        Response narrowed = api.changePermissions(parentId, topSecret, PARENT_SCOPES);
        assertThat(narrowed.status()).as("parent narrowing: %s", narrowed).isEqualTo(200);
        assertThat(narrowed.strings("permissions")).containsExactlyInAnyOrderElementsOf(PARENT_SCOPES);
    }

    @Test
    void childRequestingScopeBeyondParentIsRejected() {
        Response rejected =
                api.registerChild(parentId, topSecret, handle("greedy"), List.of("aap:send", "tools:invoke"));

        assertThat(rejected.status()).as("%s", rejected).isEqualTo(400);
        assertThat(rejected.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(rejected.strings("exceedingScopes")).containsExactly("tools:invoke");
        assertThat(rejected.string("message")).contains("tools:invoke");
    }

    @Test
    void childWithinBoundsIsRegistered() {
        Response child = api.registerChild(parentId, topSecret, handle("child"), List.of("aap:send", "loops:manage"));

        assertThat(child.status()).as("%s", child).isEqualTo(201);
        assertThat(child.string("parentLoopId")).isEqualTo(parentId);
        assertThat(ownerKeyScopes(child)).containsExactlyInAnyOrder("aap:send", "loops:manage");
    }

    @Test
    void childOwnerKeyCannotWidenBeyondParent() {
        Response child = api.registerChild(parentId, topSecret, handle("child"), PARENT_SCOPES);
        assertThat(child.status()).as("child registration: %s", child).isEqualTo(201);
        String childId = child.string("loopId");
        String childSecret = ApiCalls.ownerSecret(child.body());

        Response key = api.issueKey(childId, childSecret, "wider", List.of("aap:send", "tools:invoke"), "");
        assertThat(key.status()).as("key with tools:invoke: %s", key).isEqualTo(403);
        assertThat(key.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(key.string("requiredScope")).isEqualTo("tools:invoke");

        Response widened =
                api.changePermissions(childId, childSecret, List.of("aap:send", "loops:manage", "tools:invoke"));
        assertThat(widened.status())
                .as("own permissions with tools:invoke: %s", widened)
                .isEqualTo(403);
        assertThat(widened.code()).isEqualTo("INSUFFICIENT_SCOPE");

        Response grandchild =
                api.registerChild(childId, childSecret, handle("grandchild"), List.of("aap:send", "tools:invoke"));
        assertThat(grandchild.status())
                .as("grandchild with tools:invoke: %s", grandchild)
                .isEqualTo(400);
        assertThat(grandchild.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(grandchild.strings("exceedingScopes")).containsExactly("tools:invoke");

        Response view = api.get("/api/loops/" + childId, TestServers.OPERATOR_TOKEN);
        assertThat(view.strings("permissions")).doesNotContain("tools:invoke");
        Response keys = api.get("/api/loops/" + childId + "/keys", TestServers.OPERATOR_TOKEN);
        assertThat(keys.status()).as("%s", keys).isEqualTo(200);
        assertThat(keys.list()).extracting(listed -> listed.get("name")).containsExactly("owner");
    }

    @Test
    void childCannotUndoItsParentsNarrowing() {
        Response child = api.registerChild(parentId, topSecret, handle("narrowed"), PARENT_SCOPES);
        assertThat(child.status()).as("child registration: %s", child).isEqualTo(201);
        String childId = child.string("loopId");
        String childSecret = ApiCalls.ownerSecret(child.body());

        Response narrowed = api.changePermissions(childId, topSecret, List.of("aap:send", "loops:manage"));
        assertThat(narrowed.status())
                .as("narrowing by the top loop: %s", narrowed)
                .isEqualTo(200);
        Response restored = api.changePermissions(childId, childSecret, PARENT_SCOPES);
        assertThat(restored.status())
                .as("restoring by the child itself: %s", restored)
                .isEqualTo(403);
        assertThat(restored.code()).isEqualTo("INSUFFICIENT_SCOPE");
        Response lockout = api.changePermissions(childId, childSecret, List.of("aap:send"));
        assertThat(lockout.status())
                .as("dropping its own loops:manage: %s", lockout)
                .isEqualTo(400);
        assertThat(lockout.code()).isEqualTo("VALIDATION_FAILED");
        Response narrower = api.changePermissions(childId, childSecret, List.of("loops:manage"));
        assertThat(narrower.status())
                .as("narrowing itself further: %s", narrower)
                .isEqualTo(200);

        Response view = api.get("/api/loops/" + childId, TestServers.OPERATOR_TOKEN);
        assertThat(view.strings("permissions")).containsExactly("loops:manage");
    }

    @Test
    void narrowedParentNarrowsChildKeys() {
        Response child = api.registerChild(parentId, topSecret, handle("child"), PARENT_SCOPES);
        String childId = child.string("loopId");
        String childSecret = ApiCalls.ownerSecret(child.body());
        String keysPath = "/api/loops/" + childId + "/keys";
        assertThat(api.get(keysPath, childSecret).status()).isEqualTo(200);

        Response narrowed = api.changePermissions(parentId, topSecret, List.of("aap:send", "policy:evaluate"));
        assertThat(narrowed.status()).as("parent narrowing: %s", narrowed).isEqualTo(200);

        Response denied = api.get(keysPath, childSecret);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("INSUFFICIENT_SCOPE");
        assertThat(denied.string("requiredScope")).isEqualTo("loops:manage");

        // Nothing was copied to the child, so widening the parent again gives the scope back.
        Response widened = api.changePermissions(parentId, topSecret, PARENT_SCOPES);
        assertThat(widened.status()).as("parent widening: %s", widened).isEqualTo(200);
        assertThat(api.get(keysPath, childSecret).status()).isEqualTo(200);
    }

    @Test
    void suspendedParentSuspendsChildKeys() {
        Response child = api.registerChild(parentId, topSecret, handle("child"), PARENT_SCOPES);
        String childId = child.string("loopId");
        String childSecret = ApiCalls.ownerSecret(child.body());
        String childPath = "/api/loops/" + childId;
        String suspensionPath = "/api/loops/" + parentId + "/suspension";

        Response suspended = api.send(HttpMethod.POST, suspensionPath, topSecret, "{\"reason\": \"review\"}");
        assertThat(suspended.status()).as("suspension: %s", suspended).isEqualTo(200);

        Response denied = api.get(childPath, childSecret);
        assertThat(denied.status()).as("%s", denied).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("LOOP_SUSPENDED");
        assertThat(denied.string("suspendedLoopId")).isEqualTo(parentId);

        Response reinstated = api.send(HttpMethod.DELETE, suspensionPath, topSecret, null);
        assertThat(reinstated.status()).as("reinstatement: %s", reinstated).isEqualTo(200);

        Response allowed = api.get(childPath, childSecret);
        assertThat(allowed.status()).as("%s", allowed).isEqualTo(200);
        assertThat(allowed.string("loopId")).isEqualTo(childId);
    }

    @SuppressWarnings("unchecked")
    private static List<String> ownerKeyScopes(Response registration) {
        return (List<String>) ((Map<String, Object>) registration.body().get("ownerKey")).get("scopes");
    }

    private static String handle(String role) {
        return "@scopes_" + role + "_" + HANDLES.incrementAndGet();
    }
}
