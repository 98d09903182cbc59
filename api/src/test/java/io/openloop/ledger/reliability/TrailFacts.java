package io.openloop.ledger.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The facts the checks need from an operator's NDJSON audit export: the events by type with their streams and payloads,
 * the credit balances the events add up to, and how often each hold was resolved.
 */
final class TrailFacts {

    static final String ISSUANCE = "platform:issuance";
    static final String IN_TRANSIT = "platform:in_transit";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One exported event: its type's simple name, stream, payload as JSON text, and the payload itself. */
    record Event(long position, String type, String stream, String payloadText, JsonNode payload) {}

    final Map<String, List<Event>> byType = new HashMap<>();
    final Map<String, Long> balances = new TreeMap<>();
    final Map<String, Integer> holdResolutions = new HashMap<>();
    final Map<String, Integer> receipts = new HashMap<>();
    final Map<String, Long> sentTransfers = new HashMap<>();
    final List<String> violations = new ArrayList<>();
    int events;

    static TrailFacts parse(String ndjson) throws IOException {
        TrailFacts facts = new TrailFacts();
        try (BufferedReader reader = new BufferedReader(new StringReader(ndjson))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = JSON.readTree(line);
                if (!"event".equals(node.path("kind").asText())) {
                    continue;
                }
                String type = node.path("type").asText();
                type = type.substring(type.lastIndexOf('.') + 1);
                JsonNode payload = node.path("payload");
                Event event = new Event(
                        node.path("position").asLong(),
                        type,
                        node.path("stream").asText(),
                        payload.toString(),
                        payload);
                facts.byType.computeIfAbsent(type, t -> new ArrayList<>()).add(event);
                facts.apply(event);
                facts.events++;
            }
        }
        return facts;
    }

    /**
     * Counts the events of {@code type} in {@code stream} (any when null) whose payload contains {@code text} as a
     * whole word, so that {@code grant-5} does not count the events of {@code grant-50}.
     */
    int count(String type, String stream, String text) {
        int count = 0;
        for (Event event : byType.getOrDefault(type, List.of())) {
            if ((stream == null || stream.equals(event.stream()))
                    && (text == null || containsWord(event.payloadText(), text))) {
                count++;
            }
        }
        return count;
    }

    static boolean containsWord(String haystack, String word) {
        for (int at = haystack.indexOf(word); at >= 0; at = haystack.indexOf(word, at + 1)) {
            int before = at - 1;
            int after = at + word.length();
            boolean startsWord = before < 0 || !Character.isLetterOrDigit(haystack.charAt(before));
            boolean endsWord = after >= haystack.length() || !Character.isLetterOrDigit(haystack.charAt(after));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    /** Returns the sum over every account, both platform accounts included; double entry keeps it at zero. */
    long total() {
        return balances.values().stream().mapToLong(Long::longValue).sum();
    }

    private void apply(Event event) {
        JsonNode p = event.payload();
        String account = p.path("accountId").asText();
        switch (event.type()) {
            case "CreditsGrantedEvent" -> {
                move(ISSUANCE, account, p.path("amount").asLong());
                checkBalanceAfter(event, account);
            }
            case "CreditsTransferredEvent" -> {
                move(account, IN_TRANSIT, p.path("amount").asLong());
                checkBalanceAfter(event, account);
                Long earlier = sentTransfers.put(
                        account + "/" + p.path("transferId").asText(),
                        p.path("amount").asLong());
                if (earlier != null) {
                    violations.add("transfer " + p.path("transferId").asText() + " of " + account + " sent twice");
                }
            }
            case "CreditsReceivedEvent" -> {
                move(IN_TRANSIT, account, p.path("amount").asLong());
                checkBalanceAfter(event, account);
                String key = p.path("fromAccountId").asText() + "/"
                        + p.path("transferId").asText();
                receipts.merge(key, 1, Integer::sum);
            }
            case "HoldCapturedEvent" -> {
                move(account, IN_TRANSIT, p.path("captured").asLong());
                checkBalanceAfter(event, account);
                holdResolutions.merge(account + "/" + p.path("holdId").asText(), 1, Integer::sum);
                if (p.path("captured").asLong() > 0) {
                    sentTransfers.put(
                            account + "/" + p.path("holdId").asText(),
                            p.path("captured").asLong());
                }
            }
            case "HoldReleasedEvent" ->
                holdResolutions.merge(account + "/" + p.path("holdId").asText(), 1, Integer::sum);
            default -> {
                // Events of other types move no credits.
            }
        }
    }

    private void move(String from, String to, long amount) {
        balances.merge(from, -amount, Long::sum);
        balances.merge(to, amount, Long::sum);
    }

    private void checkBalanceAfter(Event event, String account) {
        JsonNode after = event.payload().get("balanceAfter");
        if (after != null && after.isNumber() && after.asLong() != balances.getOrDefault(account, 0L)) {
            violations.add(event.type() + " at position " + event.position() + " says balanceAfter " + after.asLong()
                    + " but the trail adds up to " + balances.getOrDefault(account, 0L) + " for " + account);
        }
    }
}
