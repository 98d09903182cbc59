package io.openloop.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.reliability.AckLog.Ack;
import io.openloop.ledger.reliability.AckLog.Expected;
import io.openloop.ledger.reliability.LedgerClient.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks after the last restart, on a quiet server whose processors reached the head: acknowledged effects exist
 * in the audit export, credits add up, no hold was resolved twice, the credit read models match the trail, and
 * {@code GET /api/audit/verify} reports clean. Each failed check adds one line to {@link #violations()}.
 */
final class InvariantChecks {

    private static final int MAX_LISTED = 20;

    private final LedgerClient client;
    private final String adminToken;
    private final List<String> violations = new ArrayList<>();
    private TrailFacts facts;

    InvariantChecks(LedgerClient client, String adminToken) {
        this.client = client;
        this.adminToken = adminToken;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    int events() {
        return facts == null ? 0 : facts.events;
    }

    /** Runs every check; the export is kept in {@code exportFile} for a look after a failed run. */
    void run(List<Ack> acks, Map<String, String> loopReaders, Path exportFile)
            throws InterruptedException, IOException {
        Reply export = client.get("/api/audit/export", adminToken);
        if (!export.is(200)) {
            violation("the audit export answered " + export.status() + ": " + export.text());
            return;
        }
        Files.writeString(exportFile, export.text());
        facts = TrailFacts.parse(export.text());
        facts.violations.forEach(this::violation);
        checkAcknowledged(acks);
        checkCredits();
        checkReadModels(loopReaders);
        checkVerify();
    }

    private void checkAcknowledged(List<Ack> acks) {
        for (Ack ack : acks) {
            for (Expected expected : ack.expected()) {
                int found = facts.count(expected.eventType(), expected.stream(), expected.contains());
                if (found == 0) {
                    violation("acknowledged " + ack.kind() + " " + ack.ids() + " has no " + describe(expected));
                } else if (expected.exactlyOnce() && found > 1) {
                    violation("acknowledged " + ack.kind() + " " + ack.ids() + " has " + found + " times "
                            + describe(expected));
                }
            }
        }
    }

    private void checkCredits() {
        if (facts.total() != 0) {
            violation("the balances of all accounts sum to " + facts.total() + ", not 0");
        }
        long inTransit = facts.balances.getOrDefault(TrailFacts.IN_TRANSIT, 0L);
        if (inTransit != 0) {
            violation(TrailFacts.IN_TRANSIT + " holds " + inTransit + " after every processor reached the head");
        }
        facts.holdResolutions.forEach((hold, count) -> {
            if (count > 1) {
                violation("hold " + hold + " was resolved " + count + " times");
            }
        });
        facts.sentTransfers.keySet().forEach(sent -> {
            int received = facts.receipts.getOrDefault(sent, 0);
            if (received != 1) {
                violation("movement " + sent + " was received " + received + " times");
            }
        });
        facts.receipts.keySet().forEach(received -> {
            if (!facts.sentTransfers.containsKey(received)) {
                violation("movement " + received + " was received but never sent");
            }
        });
    }

    private void checkReadModels(Map<String, String> loopReaders) throws InterruptedException {
        for (Map.Entry<String, String> loop : loopReaders.entrySet()) {
            String loopId = loop.getKey();
            String account = "acct_" + loopId.substring("loop_".length());
            long expected = facts.balances.getOrDefault(account, 0L);
            Reply credits = client.get("/api/loops/" + loopId + "/credits", loop.getValue());
            if (!credits.is(200)) {
                violation("GET credits of " + loopId + " answered " + credits.status() + ": " + credits.text());
                continue;
            }
            long balance = credits.body().path("balance").asLong();
            if (balance != expected) {
                violation("the read model shows balance " + balance + " for " + account + ", the trail " + expected);
            }
            long entries = sumEntries(loopId, loop.getValue());
            if (entries != balance) {
                violation("the entries of " + account + " sum to " + entries + " but its balance is " + balance);
            }
        }
        Reply ledger = client.get("/api/admin/credits/ledger", adminToken);
        if (!ledger.is(200)) {
            violation("GET /api/admin/credits/ledger answered " + ledger.status());
            return;
        }
        JsonNode body = ledger.body();
        long sum = body.path("issuanceBalance").asLong()
                + body.path("inTransitBalance").asLong()
                + body.path("accountsBalance").asLong();
        if (sum != 0) {
            violation("the platform ledger read model sums to " + sum + ": " + body);
        }
        long issuance = facts.balances.getOrDefault(TrailFacts.ISSUANCE, 0L);
        if (body.path("issuanceBalance").asLong() != issuance) {
            violation(
                    "the ledger read model shows issuance " + body.path("issuanceBalance") + ", the trail " + issuance);
        }
    }

    private long sumEntries(String loopId, String token) throws InterruptedException {
        long sum = 0;
        String cursor = null;
        do {
            String path = "/api/loops/" + loopId + "/credits/entries?limit=100"
                    + (cursor == null ? "" : "&after=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            Reply page = client.get(path, token);
            if (!page.is(200)) {
                violation("GET " + path + " answered " + page.status() + ": " + page.text());
                return Long.MIN_VALUE;
            }
            for (JsonNode entry : page.body().path("items")) {
                sum += entry.path("amount").asLong();
            }
            JsonNode next = page.body().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return sum;
    }

    private void checkVerify() throws InterruptedException {
        Reply verify = client.get("/api/audit/verify", adminToken);
        if (!verify.is(200) || !verify.body().path("clean").asBoolean()) {
            violation("GET /api/audit/verify is not clean: " + verify.status() + " " + verify.text());
        }
    }

    private static String describe(Expected expected) {
        return expected.eventType()
                + (expected.stream() == null ? "" : " in stream " + expected.stream())
                + (expected.contains() == null ? "" : " naming " + expected.contains());
    }

    private void violation(String text) {
        if (violations.size() < MAX_LISTED) {
            System.out.println("VIOLATION: " + text);
        }
        violations.add(text);
    }
}
