package io.openloop.ledger.store.audit;

import io.openloop.ledger.store.audit.AuditFinding.Kind;
import io.openloop.ledger.store.events.StoredEntry;
import java.util.ArrayList;
import java.util.List;

/** The findings of one verification, in the order found; keeps the first {@value #KEPT} and counts the rest. */
final class Findings {

    static final int KEPT = 100;

    private final List<AuditFinding> kept = new ArrayList<>();
    private long count;

    /** Records a finding about an event line, naming its position, stream, sequence number and event id. */
    void add(Kind kind, long line, StoredEntry event, String detail) {
        Long sequence = event.kind() == StoredEntry.Kind.EVENT ? event.sequence() : null;
        record(new AuditFinding(kind, event.position(), event.stream(), sequence, event.eventId(), line, detail));
    }

    /** Records a finding about a position, or about a line without one ({@code position} -1). */
    void at(Kind kind, long line, long position, String detail) {
        record(new AuditFinding(kind, position, null, null, null, line, detail));
    }

    AuditFinding first() {
        return kept.isEmpty() ? null : kept.get(0);
    }

    List<AuditFinding> kept() {
        return kept;
    }

    long count() {
        return count;
    }

    private void record(AuditFinding finding) {
        count++;
        if (kept.size() < KEPT) {
            kept.add(finding);
        }
    }
}
