package io.openloop.ledger.api.fuzz;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Well-formed bodies of the operations whose schemas alone give no valid request, such as a tool manifest or a
 * transfer with an amount. A mutation of a valid body reaches the checks behind the first invalid field, so these
 * make the fuzzer test amounts, handles and ids, not only the first missing value. Placeholders in braces are
 * fixture values.
 */
final class RequestExamples {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry(
                    "POST /api/developer/loops",
                    "{\"handle\": \"@fz_{unique}\", \"displayName\": \"Fuzz\", \"kind\": \"developer\","
                            + " \"plan\": \"free\"}"),
            Map.entry(
                    "POST /api/loops/{parentLoopId}/children",
                    "{\"handle\": \"@fzc_{unique}\", \"displayName\": \"Fuzz child\","
                            + " \"permissions\": [\"trust:read\"]}"),
            Map.entry("POST /api/loops/{loopId}/keys", "{\"name\": \"fuzz\", \"scopes\": [\"trust:read\"]}"),
            Map.entry(
                    "POST /api/loops/{loopId}/credits/transfers",
                    "{\"toLoopId\": \"{toLoopId}\", \"amount\": 1, \"memo\": \"fuzz\"}"),
            Map.entry(
                    "POST /api/admin/credits/grants",
                    "{\"loopId\": \"{loopId}\", \"amount\": 1, \"reason\": \"fuzz\"}"),
            Map.entry(
                    "POST /api/tools/invoke", "{\"tool\": \"{tool}\", \"executionMode\": \"sandbox\", \"input\": {}}"),
            Map.entry("POST /api/credits/estimate", "{\"tool\": \"{tool}\", \"executionMode\": \"guided\"}"),
            Map.entry(
                    "POST /api/policy/evaluate",
                    "{\"executionMode\": \"guided\", \"domain\": \"sales_revenue_ops\", \"step\": {\"action\":"
                            + " \"find_leads\", \"riskLevel\": \"low\"}, \"estimate\": 5}"),
            Map.entry(
                    "PUT /api/loops/{loopId}/policy",
                    "{\"deniedDomains\": [\"legal\"], \"deniedActions\": [], \"approvalRules\": [],"
                            + " \"maxCreditsPerInvocation\": 1000}"),
            Map.entry(
                    "PUT /api/loops/{loopId}/task-policy",
                    "{\"tasks\": {\"quote_request\": {\"inputSchema\": {\"type\": \"object\"}}},"
                            + " \"minTrustScore\": 0}"),
            Map.entry(
                    "POST /api/aap/messages",
                    "{\"type\": \"TASK_REQUEST\", \"to\": \"@fuzz_biz\", \"task\": \"quote_request\", \"inputs\": {}}"),
            Map.entry(
                    "POST /api/proofs",
                    "{\"subjectType\": \"task\", \"subjectId\": \"{taskId}\", \"kind\": \"document\", \"uri\":"
                            + " \"https://example.org/quote.pdf\", \"sha256\": \"" + SHA
                            + "\", \"capturedAt\": \"{now}\"}"),
            Map.entry(
                    "POST /api/contracts/{taskId}/amendments",
                    "{\"terms\": \"Two more days\", \"deadline\": \"{tomorrow}\"}"),
            Map.entry(
                    "POST /api/invocations/{invocationId}/result",
                    "{\"status\": \"succeeded\", \"output\": {}, \"credits\": 1, \"proofs\": []}"),
            Map.entry(
                    "POST /api/developer/tools/manifest",
                    "{\"name\": \"fuzz_tool\", \"description\": \"A tool the fuzzer aims at.\", \"category\":"
                            + " \"sales_revenue_ops\", \"riskLevel\": \"low\", \"requiresApprovalDefault\": false,"
                            + " \"expectedProofs\": [], \"inputSchema\": {\"type\": \"object\"}, \"outputSchema\":"
                            + " {\"type\": \"object\"}, \"providerType\": \"custom_connector\", \"visibility\":"
                            + " \"marketplace\", \"version\": \"1.{unique}.0\", \"price\": 5}"),
            Map.entry(
                    "POST /api/admin/loops/{loopId}/verification",
                    "{\"decision\": \"rejected\", \"reason\": \"fuzz\"}"),
            Map.entry(
                    "POST /api/admin/tasks/{taskId}/resolution",
                    "{\"resolution\": \"dismissed\", \"note\": \"fuzz\"}"));

    private RequestExamples() {}

    /** Returns the example body of an operation with its placeholders filled in, or null when it has none. */
    static String body(String operation, Map<String, String> fixtureValues, int unique) {
        String template = BODIES.get(operation);
        if (template == null) {
            return null;
        }
        Instant now = Instant.now();
        String body = template.replace("{unique}", Integer.toString(unique))
                .replace("{now}", now.toString())
                .replace("{tomorrow}", now.plus(1, ChronoUnit.DAYS).toString());
        for (Map.Entry<String, String> value : fixtureValues.entrySet()) {
            body = body.replace("{" + value.getKey() + "}", value.getValue());
        }
        return body;
    }
}
