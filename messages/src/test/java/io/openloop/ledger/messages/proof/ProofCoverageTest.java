package io.openloop.ledger.messages.proof;

import static io.openloop.ledger.messages.proof.VerificationLevel.V0;
import static io.openloop.ledger.messages.proof.VerificationLevel.V1;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Missing kinds and starting levels for each combination of expected kinds and submitted artifacts. */
class ProofCoverageTest {

    private static final Instant AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final String SHA = "0f".repeat(32);

    private static ProofArtifact evidenced(String kind) {
        return new ProofArtifact(kind, "https://acme.example/" + kind, null, SHA, AT);
    }

    private static ProofArtifact inline(String kind) {
        return new ProofArtifact(kind, null, "{\"total\":12}", SHA, AT);
    }

    private static ProofArtifact claimed(String kind) {
        return new ProofArtifact(kind, null, null, null, null);
    }

    private static ProofArtifact withoutTime(String kind) {
        return new ProofArtifact(kind, "https://acme.example/" + kind, null, SHA, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("nothing expected, nothing sent", List.of(), List.of(), List.of(), List.of()),
                Arguments.of("expected kind missing", List.of("receipt"), List.of(), List.of("receipt"), List.of()),
                Arguments.of(
                        "evidenced expected kind",
                        List.of("receipt"),
                        List.of(evidenced("receipt")),
                        List.of(),
                        List.of(V1)),
                Arguments.of(
                        "inline data counts as content",
                        List.of("receipt"),
                        List.of(inline("receipt")),
                        List.of(),
                        List.of(V1)),
                Arguments.of(
                        "claim does not cover",
                        List.of("receipt"),
                        List.of(claimed("receipt")),
                        List.of("receipt"),
                        List.of(V0)),
                Arguments.of(
                        "no capture time does not cover",
                        List.of("receipt"),
                        List.of(withoutTime("receipt")),
                        List.of("receipt"),
                        List.of(V0)),
                Arguments.of(
                        "unexpected kind stays V0",
                        List.of("receipt"),
                        List.of(evidenced("screenshot")),
                        List.of("receipt"),
                        List.of(V0)),
                Arguments.of(
                        "extra proof beside expected",
                        List.of("receipt"),
                        List.of(evidenced("receipt"), evidenced("screenshot")),
                        List.of(),
                        List.of(V1, V0)),
                Arguments.of(
                        "one of two kinds missing, order kept",
                        List.of("source_url", "retrieved_at", "receipt"),
                        List.of(evidenced("retrieved_at")),
                        List.of("source_url", "receipt"),
                        List.of(V1)),
                Arguments.of(
                        "claim then evidence of same kind",
                        List.of("receipt"),
                        List.of(claimed("receipt"), evidenced("receipt")),
                        List.of(),
                        List.of(V0, V1)),
                Arguments.of(
                        "duplicate expected kind listed once",
                        List.of("receipt", "receipt"),
                        List.of(),
                        List.of("receipt"),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void coverage(
            String name,
            List<String> expected,
            List<ProofArtifact> artifacts,
            List<String> missing,
            List<VerificationLevel> levels) {
        ProofCoverage coverage = ProofCoverage.of(expected, artifacts);

        assertThat(coverage.missingKinds()).isEqualTo(missing);
        assertThat(coverage.levels()).isEqualTo(levels);
        assertThat(coverage.isComplete()).isEqualTo(missing.isEmpty());
    }

    @ParameterizedTest(name = "null lists count as empty")
    @MethodSource("nullCases")
    void nullListsCountAsEmpty(List<String> expected, List<ProofArtifact> artifacts) {
        ProofCoverage coverage = ProofCoverage.of(expected, artifacts);

        assertThat(coverage.missingKinds()).isEmpty();
        assertThat(coverage.levels()).isEmpty();
    }

    static Stream<Arguments> nullCases() {
        return Stream.of(Arguments.of(null, null), Arguments.of(null, List.of()), Arguments.of(List.of(), null));
    }
}
