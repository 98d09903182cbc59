package io.openloop.ledger.store.audit;

import java.util.List;

/**
 * The result of verifying an exported file with {@link ExportVerifier}.
 *
 * @param format {@code ndjson} or {@code csv}
 * @param header the NDJSON header line, or null for CSV and for a file whose first line is not a header
 * @param report the counts, the final global digest (digestible exports only) and the first finding
 * @param findings the findings in line order, at most {@link ExportVerifier#MAX_FINDINGS} of them
 * @param findingCount how many findings there were in all
 */
public record ExportVerification(
        String format, ExportHeader header, AuditReport report, List<AuditFinding> findings, long findingCount) {

    public ExportVerification {
        findings = List.copyOf(findings);
    }

    /** Tells whether the file matched its hashes, links, positions, checkpoints and end line. */
    public boolean clean() {
        return findingCount == 0;
    }
}
