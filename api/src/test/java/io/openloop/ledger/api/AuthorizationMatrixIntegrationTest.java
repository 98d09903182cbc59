package io.openloop.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.openloop.ledger.api.ApiCalls.Response;
import io.openloop.ledger.api.security.AnyCaller;
import io.openloop.ledger.api.security.OperatorOnly;
import io.openloop.ledger.api.security.RequiresScope;
import io.openloop.ledger.messages.auth.Scope;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Sends each kind of caller that must be rejected to every {@code /api/} route registered in Spring's handler mapping,
 * so a route added later is covered without changing this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthorizationMatrixIntegrationTest {

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> LOOP_VARIABLES = Set.of("loopId", "parentLoopId");
    private static final List<Class<? extends Annotation>> ACCESS_RULES =
            List.of(RequiresScope.class, OperatorOnly.class, AnyCaller.class);

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestServers.embeddedStore(registry, dataDir, AuthorizationMatrixIntegrationTest.class);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    /** The callers that each route must reject. */
    enum Case {
        NO_HEADER("no header"),
        REVOKED_KEY("revoked"),
        EXPIRED_KEY("expired"),
        MALFORMED_TOKEN("malformed"),
        KEY_LACKING_SCOPE("no scope"),
        KEY_ON_OPERATOR_ROUTE("key@operator"),
        OPERATOR_ON_LOOP_ROUTE("operator@loop"),
        OTHER_LOOP_OWNER("other owner");

        final String column;

        Case(String column) {
            this.column = column;
        }
    }

    /** A route as one HTTP method on one path pattern. */
    record Route(HttpMethod httpMethod, String pattern, HandlerMethod handler) {

        Method javaMethod() {
            return handler.getMethod();
        }

        boolean takesBody() {
            return Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
        }

        List<String> variables() {
            List<String> names = new ArrayList<>();
            Matcher matcher = PATH_VARIABLE.matcher(pattern);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        }

        boolean isAboutLoop() {
            return variables().stream().anyMatch(LOOP_VARIABLES::contains);
        }

        @Override
        public String toString() {
            return httpMethod.name() + " " + pattern;
        }
    }

    /** What one case expects of one route; {@code requiredScope} is null unless the response must name one. */
    record Expectation(int status, String code, String requiredScope, String messagePart) {}

    @Test
    void everyRouteDeclaresExactlyOneAccessRule() {
        List<Route> routes = routes();

        assertThat(routes).as("routes under /api/").hasSizeGreaterThanOrEqualTo(10);
        for (Route route : routes) {
            List<String> declared = ACCESS_RULES.stream()
                    .filter(rule -> route.javaMethod().isAnnotationPresent(rule))
                    .map(Class::getSimpleName)
                    .toList();
            assertThat(declared).as("access rules of %s", route).hasSize(1);
        }
    }

    @Test
    void anyCallerRoutesOnlyRead() {
        // Routes open to every key are public reads such as profiles; a route that changes state needs a scope.
        for (Route route : routes()) {
            if (route.javaMethod().isAnnotationPresent(AnyCaller.class)) {
                assertThat(route.httpMethod()).as("method of %s", route).isEqualTo(HttpMethod.GET);
            }
        }
    }

    @Test
    void everyRouteRejectsCallersWithoutAccess() {
        ApiCalls api = new ApiCalls(client);
        Map<String, Object> target = api.registerLoop("@matrix_target", "pro");
        Map<String, Object> other = api.registerLoop("@matrix_other", "pro");
        String targetId = (String) target.get("loopId");
        String ownerSecret = ApiCalls.ownerSecret(target);
        String otherOwnerSecret = ApiCalls.ownerSecret(other);
        List<String> everyScope = Scope.all().stream().map(Scope::wireName).toList();

        // Issued first, so that its two seconds pass while the other keys are issued.
        String expiresAt = Instant.now().plusSeconds(2).toString();
        String expiredSecret = (String)
                api.issuedKey(targetId, ownerSecret, "expiring", everyScope, ", \"expiresAt\": \"" + expiresAt + "\"")
                        .get("secret");

        Map<String, Object> revoked = api.issuedKey(targetId, ownerSecret, "revoked", everyScope, "");
        Response revocation = api.revokeKey(targetId, (String) revoked.get("keyId"), ownerSecret);
        assertThat(revocation.status()).as("revocation: %s", revocation).isEqualTo(204);
        String revokedSecret = (String) revoked.get("secret");

        String spareKeyId = (String) api.issuedKey(targetId, ownerSecret, "spare", List.of("aap:read"), "")
                .get("keyId");

        List<Route> routes = routes();
        Map<List<Scope>, String> secretsLacking = new HashMap<>();
        for (Route route : routes) {
            RequiresScope rule = route.javaMethod().getAnnotation(RequiresScope.class);
            if (rule != null && !secretsLacking.containsKey(List.of(rule.value()))) {
                List<String> accepted =
                        Arrays.stream(rule.value()).map(Scope::wireName).toList();
                List<String> allBut = everyScope.stream()
                        .filter(scope -> !accepted.contains(scope))
                        .toList();
                String secret = (String) api.issuedKey(targetId, ownerSecret, "without " + accepted, allBut, "")
                        .get("secret");
                secretsLacking.put(List.of(rule.value()), secret);
            }
        }

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/loops/" + targetId, expiredSecret).status() == 401);

        Map<String, String> variables = Map.of(
                "loopId", targetId,
                "parentLoopId", targetId,
                "keyId", spareKeyId,
                "handle", (String) target.get("handle"));

        SoftAssertions softly = new SoftAssertions();
        Map<Route, Map<Case, String>> table = new LinkedHashMap<>();
        for (Route route : routes) {
            String path = fill(route, variables);
            String body = route.takesBody() ? "{}" : null;
            RequiresScope scopeRule = route.javaMethod().getAnnotation(RequiresScope.class);
            Map<Case, String> row = new EnumMap<>(Case.class);
            table.put(route, row);

            for (Case callerCase : Case.values()) {
                String token = switch (callerCase) {
                    case NO_HEADER -> null;
                    case REVOKED_KEY -> revokedSecret;
                    case EXPIRED_KEY -> expiredSecret;
                    case MALFORMED_TOKEN -> "lk_live_short";
                    case KEY_LACKING_SCOPE -> scopeRule == null ? null : secretsLacking.get(List.of(scopeRule.value()));
                    case KEY_ON_OPERATOR_ROUTE ->
                        route.javaMethod().isAnnotationPresent(OperatorOnly.class) ? ownerSecret : null;
                    case OPERATOR_ON_LOOP_ROUTE ->
                        scopeRule != null && !scopeRule.operator() ? TestServers.OPERATOR_TOKEN : null;
                    case OTHER_LOOP_OWNER -> route.isAboutLoop() ? otherOwnerSecret : null;
                };
                boolean applies = callerCase == Case.NO_HEADER || token != null;
                if (!applies) {
                    row.put(callerCase, "-");
                    continue;
                }

                Expectation expected = expectation(callerCase, scopeRule);
                Response response = api.send(route.httpMethod(), path, token, body);
                row.put(callerCase, String.valueOf(response.status()));

                String label = route + " with " + callerCase;
                softly.assertThat(response.status())
                        .as("%s: %s", label, response)
                        .isEqualTo(expected.status());
                softly.assertThat(response.code()).as("%s: code", label).isEqualTo(expected.code());
                if (expected.requiredScope() != null) {
                    softly.assertThat(response.string("requiredScope"))
                            .as("%s: requiredScope", label)
                            .isEqualTo(expected.requiredScope());
                }
                if (expected.messagePart() != null) {
                    softly.assertThat(response.string("message"))
                            .as("%s: message", label)
                            .contains(expected.messagePart());
                }
            }
        }

        System.out.println(render(table));
        softly.assertAll();
    }

    private static Expectation expectation(Case callerCase, RequiresScope scopeRule) {
        return switch (callerCase) {
            case NO_HEADER, MALFORMED_TOKEN -> new Expectation(401, "UNAUTHENTICATED", null, null);
            // The message names the reason, so a key that was never issued cannot pass for a revoked or expired one.
            case REVOKED_KEY -> new Expectation(401, "UNAUTHENTICATED", null, "revoked");
            case EXPIRED_KEY -> new Expectation(401, "UNAUTHENTICATED", null, "expired");
            case KEY_LACKING_SCOPE, OPERATOR_ON_LOOP_ROUTE ->
                new Expectation(403, "INSUFFICIENT_SCOPE", scopeRule.value()[0].wireName(), null);
            case KEY_ON_OPERATOR_ROUTE, OTHER_LOOP_OWNER -> new Expectation(404, "NOT_FOUND", null, null);
        };
    }

    /** Lists every route under {@code /api/}, one per HTTP method and path pattern, sorted by path. */
    private List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
                handlerMapping.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = entry.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                if (!pattern.getPatternString().startsWith("/api/")) {
                    continue;
                }
                Stream<RequestMethod> each = methods.isEmpty() ? Stream.of(RequestMethod.GET) : methods.stream();
                each.forEach(method ->
                        routes.add(new Route(method.asHttpMethod(), pattern.getPatternString(), entry.getValue())));
            }
        }
        routes.sort(Comparator.comparing(Route::pattern)
                .thenComparing(route -> route.httpMethod().name()));
        return routes;
    }

    private static String fill(Route route, Map<String, String> variables) {
        Matcher matcher = PATH_VARIABLE.matcher(route.pattern());
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value = variables.getOrDefault(name, plausibleId(name));
            matcher.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    /**
     * Returns an id in the project's {@code prefix_ULID} form for a variable this test does not know, such as toolId.
     */
    private static String plausibleId(String variable) {
        String prefix = variable.endsWith("Id") ? variable.substring(0, variable.length() - 2) : variable;
        return prefix.toLowerCase() + "_01JE9Z4R8QZ4V2M1T6C3N5B7XK";
    }

    private static String render(Map<Route, Map<Case, String>> table) {
        int width = table.keySet().stream()
                .mapToInt(route -> route.toString().length())
                .max()
                .orElse(10);
        StringBuilder out = new StringBuilder("\n[matrix] route x case -> status\n");
        out.append(String.format("%-" + width + "s", "route"));
        for (Case callerCase : Case.values()) {
            out.append(String.format(" | %-13s", callerCase.column));
        }
        out.append('\n');
        table.forEach((route, row) -> {
            out.append(String.format("%-" + width + "s", route));
            for (Case callerCase : Case.values()) {
                out.append(String.format(" | %-13s", row.get(callerCase)));
            }
            out.append('\n');
        });
        return out.toString();
    }
}
