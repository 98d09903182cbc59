package io.openloop.ledger.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import io.openloop.ledger.api.LedgerApplication;
import io.openloop.ledger.api.fuzz.ApiOperations.Operation;
import io.openloop.ledger.api.fuzz.FuzzClient.FuzzRequest;
import io.openloop.ledger.api.fuzz.FuzzClient.FuzzResponse;
import io.openloop.ledger.api.fuzz.FuzzFigures.Check;
import io.openloop.ledger.api.fuzz.StoreState.Fingerprint;
import io.openloop.ledger.messages.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Sends malformed and boundary requests to every operation of the OpenAPI document, on a server this class starts
 * on the embedded store and reaches over HTTP on the loopback address. Every response must be below 500, every 4xx
 * must carry a JSON body with a known {@code code}, and a request rejected with 400, 401, 403 INSUFFICIENT_SCOPE,
 * 404, 413 or 415 must leave the events and the read models as they were. Requests run one at a time, so no other
 * writer interferes with that comparison.
 *
 * <p>The short property (600 tries) runs with every build. The long one sends over 10,000 requests with
 * {@code -Plong}. With {@code -Dfuzz.keep-going=true} a run records every failed check and fails at its end, instead
 * of at the first.
 */
class HostileInputFuzzTest {

    private static final String OPERATOR_TOKEN = "fuzz-operator-token-0123456789abcdef";
    private static final Set<String> ERROR_CODES =
            Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    private static final Set<Integer> CHANGED_NOTHING = Set.of(400, 401, 404, 413, 415);

    private static Path dataDir;
    private static ConfigurableApplicationContext server;
    private static FuzzClient client;
    private static StoreState store;
    private static ProcessorProgress progress;
    private static List<Operation> operations;
    private static FuzzFixtures fixtures;
    private static HostileRequests requests;

    private FuzzFigures figures;
    private Fingerprint current;
    private long startedAt;

    @BeforeContainer
    static void startServer() throws IOException, InterruptedException {
        dataDir = Files.createTempDirectory("openloop-fuzz");
        // Command-line arguments, because they take precedence over application.yml, unlike default properties.
        server = new SpringApplicationBuilder(LedgerApplication.class)
                .run(
                        "--openloop.data.dir=" + dataDir,
                        "--openloop.mongo.uri=",
                        "--openloop.admin.token=" + OPERATOR_TOKEN,
                        "--server.address=127.0.0.1",
                        "--server.port=0",
                        "--server.shutdown=immediate");
        System.out.println("[store] HostileInputFuzzTest runs on the embedded mongo-java-server store in " + dataDir);
        int port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
        client = new FuzzClient(port);
        store = new StoreState(server.getBean(MongoDatabase.class));
        progress = new ProcessorProgress(server);
        JsonNode document = new ObjectMapper()
                .readTree(client.send(new FuzzRequest("GET", "/v3/api-docs", java.util.Map.of(), null))
                        .body());
        operations = ApiOperations.of(document);
        fixtures = FuzzFixtures.create(client, OPERATOR_TOKEN);
        requests = new HostileRequests(fixtures, document);
        System.out.println(
                "[fuzz] " + operations.size() + " operations; read models compared: " + store.readModelNames());
    }

    @AfterContainer
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
        if (dataDir != null) {
            FileSystemUtils.deleteRecursively(dataDir);
        }
    }

    @BeforeProperty
    void resetFigures() {
        figures = new FuzzFigures();
        current = progress.awaitQuiet(store);
        startedAt = System.nanoTime();
    }

    @AfterProperty
    void printFigures() {
        long millis = (System.nanoTime() - startedAt) / 1_000_000;
        System.out.print(figures.report(getClass().getSimpleName(), millis));
        if (figures.failureCount() > 0) {
            throw new AssertionError(figures.failureCount() + " fuzz checks failed; the lines above name each one");
        }
    }

    @Property(
            tries = 600,
            shrinking = ShrinkingMode.OFF,
            edgeCases = EdgeCasesMode.NONE,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    void hostileRequestsFailCleanly(@ForAll("hostileCases") HostileCase hostile) throws InterruptedException {
        fuzz(hostile);
    }

    @Tag("long")
    @Property(
            tries = 10_000,
            shrinking = ShrinkingMode.OFF,
            edgeCases = EdgeCasesMode.NONE,
            afterFailure = AfterFailureMode.RANDOM_SEED)
    void tenThousandHostileRequestsFailCleanly(@ForAll("hostileCases") HostileCase hostile)
            throws InterruptedException {
        fuzz(hostile);
    }

    @Provide
    Arbitrary<HostileCase> hostileCases() {
        return HostileValues.cases(operations);
    }

    private void fuzz(HostileCase hostile) throws InterruptedException {
        List<FuzzRequest> built = requests.build(hostile);
        FuzzResponse first = null;
        for (FuzzRequest request : built) {
            FuzzResponse response = sendAndCheck(hostile, request);
            if (first == null) {
                first = response;
            } else if (first != null && response != null) {
                checkReplayRejected(hostile, request, first, response);
            }
        }
    }

    private FuzzResponse sendAndCheck(HostileCase hostile, FuzzRequest request) throws InterruptedException {
        FuzzResponse response;
        try {
            response = client.send(request);
        } catch (IOException e) {
            fail(Check.NO_RESPONSE, hostile, request, e.toString());
            current = progress.awaitQuiet(store);
            return null;
        }
        figures.sent(hostile.mutation(), response.status());
        if (response.status() >= 500) {
            fail(Check.SERVER_ERROR, hostile, request, response.toString());
        }
        if (response.status() >= 400 && !hasCode(response)) {
            fail(Check.MISSING_CODE, hostile, request, response.toString());
        }
        checkExpectedStatus(hostile, request, response);
        if (rejected(response)) {
            Fingerprint after = store.read();
            figures.unchangedChecked();
            List<String> differences = current.differences(after);
            if (!differences.isEmpty()) {
                fail(Check.STATE_CHANGED, hostile, request, response.status() + " changed " + differences);
            }
            current = after;
        } else if (!request.method().equals("GET") || response.status() >= 500) {
            if (response.status() < 300) {
                fixtures.restore(request);
            }
            current = progress.awaitQuiet(store);
        }
        return response;
    }

    /** Checks the statuses that a mutation fixes whatever else the request carries. */
    private void checkExpectedStatus(HostileCase hostile, FuzzRequest request, FuzzResponse response) {
        int status = response.status();
        String expected = switch (hostile.mutation()) {
            case MISSING_AUTH, BAD_AUTH -> status == 401 && "UNAUTHENTICATED".equals(response.code()) ? null : "401";
            case HUGE_BODY -> status == 413 || status == 429 ? null : "413";
            case WRONG_CONTENT_TYPE -> status == 415 || status == 429 ? null : "415";
            default -> null;
        };
        if (expected != null) {
            fail(Check.UNEXPECTED_STATUS, hostile, request, "expected " + expected + ", got " + response);
        }
    }

    /**
     * Checks that a key sent again with a different body gets 422 when the first request's response was stored. The
     * server stores every response except a 5xx, a 429 and the statuses of requests that changed nothing.
     */
    private void checkReplayRejected(
            HostileCase hostile, FuzzRequest request, FuzzResponse first, FuzzResponse second) {
        boolean firstMayHaveActed =
                first.status() < 500 && first.status() != 429 && !CHANGED_NOTHING.contains(first.status());
        boolean reuseRejected = second.status() == 422 && "IDEMPOTENCY_KEY_REUSED".equals(second.code());
        if (firstMayHaveActed && !reuseRejected && second.status() != 429) {
            fail(Check.UNEXPECTED_STATUS, hostile, request, "expected 422 after " + first.status() + ", got " + second);
        }
    }

    private static boolean rejected(FuzzResponse response) {
        int status = response.status();
        return CHANGED_NOTHING.contains(status) || (status == 403 && "INSUFFICIENT_SCOPE".equals(response.code()));
    }

    private static boolean hasCode(FuzzResponse response) {
        return response.contentType().startsWith("application/json")
                && response.json() != null
                && response.json().isObject()
                && ERROR_CODES.contains(response.code());
    }

    private void fail(Check check, HostileCase hostile, FuzzRequest request, String detail) {
        String line = hostile + " | " + request + " | " + detail;
        figures.failed(check, line);
        if (!Boolean.getBoolean("fuzz.keep-going")) {
            throw new AssertionError(check + " on " + line);
        }
    }
}
