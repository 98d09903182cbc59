package io.openloop.ledger.api.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.openloop.ledger.api.web.EchoedValues;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.RiskLevel;
import io.openloop.ledger.messages.credit.CreditAmounts;
import io.openloop.ledger.messages.tool.SemanticVersion;
import io.openloop.ledger.messages.tool.ToolManifest;
import io.openloop.ledger.messages.tool.ToolNames;
import io.openloop.ledger.messages.tool.ToolVisibility;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a tool manifest as sent to {@code POST /api/developer/tools/manifest} and builds the {@link ToolManifest}.
 * Every failing field is named at once under {@code fields}; unknown fields are ignored. Optional fields and their
 * defaults: {@code requiresApprovalDefault} false, {@code expectedProofs} none, {@code visibility} marketplace,
 * {@code price} 0.
 */
final class ManifestValidator {

    /** Categories use the vocabulary of policy domains, such as {@code sales_revenue_ops}. */
    static final Pattern TERM = Pattern.compile("[a-z0-9_]{1,64}");

    static final Pattern PROOF_KIND = Pattern.compile("[a-z0-9_]{1,64}");
    static final int MAX_DESCRIPTION_LENGTH = 1000;
    static final int MAX_EXPECTED_PROOFS = 20;

    private ManifestValidator() {}

    static ToolManifest validate(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "request body is missing; send the tool manifest");
        }
        if (!body.isObject()) {
            throw new LedgerException(
                    ErrorCode.MALFORMED_REQUEST, "request body must be a JSON object holding the tool manifest");
        }
        Map<String, String> problems = new LinkedHashMap<>();

        String name = text(body, "name", problems);
        if (name != null && !ToolNames.NAME.matcher(name).matches()) {
            problems.put("name", "name must be 3-64 characters of a-z 0-9 _, got " + EchoedValues.quoted(name));
        }
        String description = text(body, "description", problems);
        if (description != null && (description.isBlank() || description.length() > MAX_DESCRIPTION_LENGTH)) {
            problems.put(
                    "description", "description must be 1-" + MAX_DESCRIPTION_LENGTH + " characters and not blank");
        }
        String category = term(body, "category", problems);
        String providerType = term(body, "providerType", problems);
        RiskLevel riskLevel = riskLevel(body, problems);
        boolean requiresApproval = requiresApproval(body, problems);
        List<String> expectedProofs = expectedProofs(body, problems);
        ToolVisibility visibility = visibility(body, problems);
        String version = text(body, "version", problems);
        if (version != null && !SemanticVersion.isValid(version)) {
            problems.put(
                    "version",
                    "version " + EchoedValues.quoted(version)
                            + " is not a semantic version (SemVer 2.0.0) such as 1.0.0 or 1.1.0-rc.1");
        }
        long price = price(body, problems);
        schema(body, "inputSchema", problems);
        schema(body, "outputSchema", problems);

        if (!problems.isEmpty()) {
            throw new LedgerException(
                    ErrorCode.VALIDATION_FAILED,
                    "the manifest has invalid fields: " + String.join("; ", problems.values()),
                    Map.of("fields", problems));
        }
        return new ToolManifest(
                name,
                description.strip(),
                category,
                riskLevel,
                requiresApproval,
                expectedProofs,
                body.get("inputSchema"),
                body.get("outputSchema"),
                providerType,
                visibility,
                version,
                price);
    }

    private static String text(JsonNode body, String field, Map<String, String> problems) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            problems.put(field, field + " is missing");
            return null;
        }
        if (!value.isTextual()) {
            problems.put(field, field + " must be a string");
            return null;
        }
        return value.asText();
    }

    private static String term(JsonNode body, String field, Map<String, String> problems) {
        String value = text(body, field, problems);
        if (value != null && !TERM.matcher(value).matches()) {
            problems.put(field, field + " must be 1-64 characters of a-z 0-9 _, got " + EchoedValues.quoted(value));
            return null;
        }
        return value;
    }

    private static RiskLevel riskLevel(JsonNode body, Map<String, String> problems) {
        String value = text(body, "riskLevel", problems);
        RiskLevel level = value == null ? null : RiskLevel.fromWireName(value);
        if (value != null && level == null) {
            problems.put("riskLevel", "riskLevel must be \"low\", \"medium\", \"high\" or \"critical\"");
        }
        return level;
    }

    private static boolean requiresApproval(JsonNode body, Map<String, String> problems) {
        JsonNode value = body.get("requiresApprovalDefault");
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            problems.put("requiresApprovalDefault", "requiresApprovalDefault must be true or false");
            return false;
        }
        return value.booleanValue();
    }

    private static List<String> expectedProofs(JsonNode body, Map<String, String> problems) {
        JsonNode value = body.get("expectedProofs");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.put("expectedProofs", "expectedProofs must be an array of proof kinds such as \"source_url\"");
            return List.of();
        }
        if (value.size() > MAX_EXPECTED_PROOFS) {
            problems.put(
                    "expectedProofs",
                    "expectedProofs has " + value.size() + " entries; at most " + MAX_EXPECTED_PROOFS + " are allowed");
            return List.of();
        }
        List<String> kinds = new ArrayList<>();
        for (JsonNode kind : value) {
            if (!kind.isTextual() || !PROOF_KIND.matcher(kind.asText()).matches()) {
                problems.put(
                        "expectedProofs",
                        "expectedProofs entries must be 1-64 characters of a-z 0-9 _, got "
                                + EchoedValues.excerpt(kind.toString()));
                return List.of();
            }
            if (!kinds.contains(kind.asText())) {
                kinds.add(kind.asText());
            }
        }
        return kinds;
    }

    private static ToolVisibility visibility(JsonNode body, Map<String, String> problems) {
        JsonNode value = body.get("visibility");
        if (value == null || value.isNull()) {
            return ToolVisibility.MARKETPLACE;
        }
        ToolVisibility visibility = value.isTextual() ? ToolVisibility.fromWireName(value.asText()) : null;
        if (visibility == null) {
            problems.put("visibility", "visibility must be \"marketplace\" or \"private\"");
        }
        return visibility;
    }

    private static long price(JsonNode body, Map<String, String> problems) {
        JsonNode value = body.get("price");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber()
                || !value.canConvertToLong()
                || value.longValue() < 0
                || value.longValue() > CreditAmounts.MAX_AMOUNT) {
            problems.put(
                    "price",
                    "price must be a whole number of credits from 0 to " + CreditAmounts.MAX_AMOUNT + ", got "
                            + EchoedValues.excerpt(value.toString()));
            return 0;
        }
        return value.longValue();
    }

    private static void schema(JsonNode body, String field, Map<String, String> problems) {
        String problem = JsonSchemaCheck.problem(body.get(field));
        if (problem != null) {
            problems.put(field, field + " " + problem);
        }
    }
}
