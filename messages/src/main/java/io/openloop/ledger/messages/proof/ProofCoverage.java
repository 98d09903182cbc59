package io.openloop.ledger.messages.proof;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The coverage of the proof kinds a tool or task expects by the artifacts submitted for it.
 *
 * <p>An artifact starts at V1 when it is evidenced (content, hash and time) and its kind is expected, otherwise at V0.
 * An expected kind is missing unless at least one artifact of that kind starts at V1, so a bare claim of an expected
 * kind does not cover it.
 *
 * @param missingKinds the expected kinds no V1 artifact covers, in the order they were expected
 * @param levels the starting level of each artifact, in the order the artifacts were submitted
 */
public record ProofCoverage(List<String> missingKinds, List<VerificationLevel> levels) {

    public ProofCoverage {
        missingKinds = List.copyOf(missingKinds);
        levels = List.copyOf(levels);
    }

    /** Computes the coverage of {@code expectedKinds} by {@code artifacts}; null lists count as empty. */
    public static ProofCoverage of(List<String> expectedKinds, List<ProofArtifact> artifacts) {
        Set<String> expected = expectedKinds == null ? Set.of() : new LinkedHashSet<>(expectedKinds);
        List<ProofArtifact> submitted = artifacts == null ? List.of() : artifacts;

        List<VerificationLevel> levels = new ArrayList<>(submitted.size());
        Set<String> covered = new LinkedHashSet<>();
        for (ProofArtifact artifact : submitted) {
            boolean evidenced = artifact.isEvidenced() && expected.contains(artifact.kind());
            levels.add(evidenced ? VerificationLevel.V1 : VerificationLevel.V0);
            if (evidenced) {
                covered.add(artifact.kind());
            }
        }

        List<String> missing = new ArrayList<>();
        for (String kind : expected) {
            if (!covered.contains(kind)) {
                missing.add(kind);
            }
        }
        return new ProofCoverage(missing, levels);
    }

    /** True when every expected kind is covered. */
    public boolean isComplete() {
        return missingKinds.isEmpty();
    }
}
