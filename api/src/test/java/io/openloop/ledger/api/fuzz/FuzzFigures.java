package io.openloop.ledger.api.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of a fuzz run: requests by status and mutation, and every failed check with its request. */
final class FuzzFigures {

    /** The kinds of failed checks, each printed with its count. */
    enum Check {
        SERVER_ERROR,
        NO_RESPONSE,
        MISSING_CODE,
        STATE_CHANGED,
        UNEXPECTED_STATUS
    }

    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final Map<Mutation, Integer> byMutation = new TreeMap<>();
    private final Map<Check, Integer> failures = new TreeMap<>();
    private final List<String> failureLines = new ArrayList<>();
    private int requests;
    private int unchangedChecks;

    void sent(Mutation mutation, int status) {
        requests++;
        byStatus.merge(status, 1, Integer::sum);
        byMutation.merge(mutation, 1, Integer::sum);
    }

    void unchangedChecked() {
        unchangedChecks++;
    }

    void failed(Check check, String line) {
        failures.merge(check, 1, Integer::sum);
        if (failureLines.size() < 200) {
            failureLines.add(check + ": " + line);
        }
    }

    int failures(Check check) {
        return failures.getOrDefault(check, 0);
    }

    int failureCount() {
        return failures.values().stream().mapToInt(Integer::intValue).sum();
    }

    int requests() {
        return requests;
    }

    String report(String name, long millis) {
        StringBuilder report = new StringBuilder();
        report.append("[fuzz] ").append(name).append(": ").append(requests).append(" requests in ");
        report.append(millis / 1000).append(" s\n");
        report.append("[fuzz] by status: ").append(byStatus).append('\n');
        report.append("[fuzz] by mutation: ").append(byMutation).append('\n');
        report.append("[fuzz] 5xx seen: ").append(failures(Check.SERVER_ERROR));
        report.append(", unchanged checks: ").append(unchangedChecks);
        report.append(", unchanged-check failures: ").append(failures(Check.STATE_CHANGED));
        report.append(", 4xx without code: ").append(failures(Check.MISSING_CODE));
        report.append(", unexpected status: ").append(failures(Check.UNEXPECTED_STATUS));
        report.append(", no response: ").append(failures(Check.NO_RESPONSE)).append('\n');
        failureLines.forEach(line -> report.append("[fuzz] ").append(line).append('\n'));
        return report.toString();
    }
}
