package io.openloop.ledger.api.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openloop.ledger.api.fuzz.ApiOperations.Operation;
import io.openloop.ledger.api.fuzz.ApiOperations.Parameter;
import io.openloop.ledger.api.fuzz.FuzzClient.FuzzRequest;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the HTTP requests of a fuzz case: first a well-formed request of the operation from the schemas of the
 * OpenAPI document and the fixture ids, then the case's mutation applied to it.
 */
final class HostileRequests {

    /** The request body limit of the server ({@code spring.codec.max-in-memory-size}). */
    static final int BODY_LIMIT = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RAW = "\u0000raw\u0000";
    private static final Set<String> AMOUNT_FIELDS =
            Set.of("amount", "price", "estimate", "credits", "maxCreditsPerInvocation", "minTrustScore", "charged");
    private static final List<String> WRONG_CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=fuzz",
            "application/octet-stream",
            "image/png",
            "text/html; charset=utf-8");
    private static final List<String> BAD_AUTHORIZATIONS = List.of(
            "Bearer lk_live_notakey",
            "Bearer ",
            "Bearer",
            "Basic dXNlcjpwYXNz",
            "Token abc",
            "Bearer lk_test_" + "a".repeat(40),
            "Bearer " + "x".repeat(5_000),
            "Bearer \"quoted\"");
    private static final List<String> BAD_PATH_VALUES = List.of(
            "..",
            ".",
            "%00",
            "%2F",
            " ",
            "loop_",
            "loop_01JE9Z4R8QZ4V2M1T6C3N5B7XK/../x",
            "null",
            "undefined",
            "-1",
            "9223372036854775808",
            "%E2%80%8B",
            "%C3%28",
            "%FF",
            "%D0%B0cme",
            "@",
            "a".repeat(3_000));
    private static final List<String> BAD_QUERY_VALUES = List.of(
            "-1",
            "0",
            "99999999999",
            "abc",
            "1e3",
            "NaN",
            "",
            "%00",
            "2026-13-45",
            "yesterday",
            "%C3%28",
            "9223372036854775808",
            "-9223372036854775809",
            "%D0%B0",
            "%E2%80%8B",
            "a".repeat(3_000),
            "1.5",
            "true");

    private final AtomicInteger unique = new AtomicInteger();
    private final FuzzFixtures fixtures;
    private final JsonNode document;

    HostileRequests(FuzzFixtures fixtures, JsonNode document) {
        this.fixtures = fixtures;
        this.document = document;
    }

    /** Returns the requests of a case in sending order: one, or two for a reused idempotency key. */
    List<FuzzRequest> build(HostileCase hostile) {
        Operation operation = hostile.operation();
        FuzzRequest base = baseRequest(operation, pathValues(operation), "");
        ObjectNode body = operation.hasBody() ? wellFormedBody(operation) : null;
        List<String> fields = body == null ? List.of() : names(body);
        String field = fields.isEmpty() ? "fuzz" : fields.get(hostile.pick() % fields.size());
        return switch (hostile.mutation()) {
            case WRONG_TYPE -> List.of(json(base, put(body, field, RAW), hostile.wrongValue()));
            case MISSING_FIELD -> List.of(json(base, remove(body, field), null));
            case EXTRA_FIELD -> List.of(json(base, put(body, "fuzz" + hostile.pick(), hostile.text()), null));
            case HUGE_STRING -> List.of(json(base, put(body, field, "x".repeat(hostile.size() * 40)), null));
            case HUGE_BODY -> List.of(json(base, put(body, field, "x".repeat(BODY_LIMIT + hostile.size())), null));
            case DEEP_NESTING -> List.of(json(base, put(body, field, RAW), nested(hostile.size())));
            case INVALID_UTF8 -> List.of(base.withBody(invalidUtf8(body, field, hostile.pick())));
            case HOSTILE_TEXT -> List.of(json(base, put(body, textField(body, fields, hostile), hostile.text()), null));
            case NUMBER_OVERFLOW ->
                List.of(json(base, put(body, numberField(body, fields, hostile), RAW), hostile.number()));
            case NON_POSITIVE_AMOUNT ->
                List.of(json(
                        base,
                        put(body, numberField(body, fields, hostile), RAW),
                        hostile.pick() % 2 == 0 ? "0" : "-1"));
            case NO_BODY -> List.of(base.withBody(null));
            case WRONG_CONTENT_TYPE ->
                List.of(json(base, body, null)
                        .withHeader(
                                "Content-Type", WRONG_CONTENT_TYPES.get(hostile.pick() % WRONG_CONTENT_TYPES.size())));
            case MISSING_AUTH -> List.of(json(base, body, null).withoutHeader("Authorization"));
            case BAD_AUTH -> List.of(json(base, body, null).withHeader("Authorization", badAuthorization(hostile)));
            case NARROW_SCOPE ->
                List.of(json(base, body, null).withHeader("Authorization", "Bearer " + fixtures.narrowKey));
            case UNKNOWN_ID ->
                List.of(json(pathMutated(operation, hostile, unknownId(operation, hostile)), body, null));
            case BAD_PATH_PARAMETER ->
                List.of(json(
                        pathMutated(operation, hostile, BAD_PATH_VALUES.get(hostile.pick() % BAD_PATH_VALUES.size())),
                        body,
                        null));
            case BAD_QUERY_PARAMETER -> List.of(json(queryMutated(operation, hostile), body, null));
            case BAD_IDEMPOTENCY_KEY -> List.of(json(base, body, null).withHeader("Idempotency-Key", badKey(hostile)));
            case IDEMPOTENCY_KEY_REUSE -> reusedKey(base, body, hostile);
        };
    }

    /** Returns the well-formed request of an operation with {@code pathValues} and {@code query} filled in. */
    private FuzzRequest baseRequest(Operation operation, Map<String, String> pathValues, String query) {
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String token = operation.operatorRoute() ? fixtures.operatorToken : fixtures.developerKey;
        headers.put("Authorization", "Bearer " + token);
        if (operation.hasBody()) {
            headers.put("Content-Type", "application/json");
        }
        return new FuzzRequest(operation.method(), path + query, headers, null);
    }

    private Map<String, String> pathValues(Operation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Parameter parameter : operation.in("path")) {
            String value = fixtures.values.getOrDefault(parameter.name(), "amd_01JE9Z4R8QZ4V2M1T6C3N5B7XK");
            values.put(parameter.name(), encode(value));
        }
        return values;
    }

    private FuzzRequest pathMutated(Operation operation, HostileCase hostile, String replacement) {
        Map<String, String> values = pathValues(operation);
        List<String> names = new ArrayList<>(values.keySet());
        boolean raw = replacement.contains("%") || replacement.contains("/");
        values.put(names.get(hostile.pick() % names.size()), raw ? replacement : encode(replacement));
        return baseRequest(operation, values, "");
    }

    private FuzzRequest queryMutated(Operation operation, HostileCase hostile) {
        List<Parameter> query = operation.in("query");
        String value = BAD_QUERY_VALUES.get(hostile.pick() % BAD_QUERY_VALUES.size());
        String encoded = value.contains("%") ? value : encode(value);
        String name = query.isEmpty()
                ? "fuzz"
                : query.get(hostile.pick() % query.size()).name();
        String text = encode(hostile.text());
        String extra = hostile.pick() % 3 == 0 ? "&" + name + "=" + text : "";
        return baseRequest(operation, pathValues(operation), "?" + name + "=" + encoded + extra);
    }

    private String unknownId(Operation operation, HostileCase hostile) {
        List<Parameter> path = operation.in("path");
        String name = path.get(hostile.pick() % path.size()).name();
        String known = fixtures.values.getOrDefault(name, "amd_x");
        int underscore = known.indexOf('_');
        String suffix = UUID.nameUUIDFromBytes(hostile.text().getBytes(StandardCharsets.UTF_8))
                .toString()
                .replace("-", "")
                .toUpperCase()
                .substring(0, 26);
        if (known.startsWith("@")) {
            return encode("@nobody_" + suffix.toLowerCase().substring(0, 8));
        }
        if (underscore > 0 && underscore < 6) {
            return known.substring(0, underscore + 1) + suffix;
        }
        return encode(known + "_" + suffix.toLowerCase().substring(0, 6));
    }

    private List<FuzzRequest> reusedKey(FuzzRequest base, ObjectNode body, HostileCase hostile) {
        String key = "fuzz-" + UUID.randomUUID();
        FuzzRequest first = json(base, body, null).withHeader("Idempotency-Key", key);
        ObjectNode changed = body == null ? null : put(body, "fuzz" + hostile.pick(), "changed");
        FuzzRequest second = changed == null
                ? base.withHeader("Idempotency-Key", key)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"fuzz\": 1}".getBytes(StandardCharsets.UTF_8))
                : json(base, changed, null).withHeader("Idempotency-Key", key);
        return List.of(first, second);
    }

    /** Returns a malformed, unknown or revoked credential. */
    private String badAuthorization(HostileCase hostile) {
        int variant = hostile.pick() % (BAD_AUTHORIZATIONS.size() + 1);
        return variant == BAD_AUTHORIZATIONS.size() ? "Bearer " + fixtures.revokedKey : BAD_AUTHORIZATIONS.get(variant);
    }

    private String badKey(HostileCase hostile) {
        return switch (hostile.pick() % 4) {
            case 0 -> "k".repeat(256 + hostile.size() % 100);
            case 1 -> "two words";
            case 2 -> "tab\tkey";
            default -> "";
        };
    }

    /** Picks a string field, preferring handles and names, where look-alike letters matter most. */
    private static String textField(ObjectNode body, List<String> fields, HostileCase hostile) {
        for (String preferred : List.of("handle", "name", "displayName", "to", "tool")) {
            if (body != null && body.has(preferred) && hostile.pick() % 2 == 0) {
                return preferred;
            }
        }
        return fields.isEmpty() ? "fuzz" : fields.get(hostile.pick() % fields.size());
    }

    /** Picks an amount field when the body has one, else a field that takes a number, else any field. */
    private static String numberField(ObjectNode body, List<String> fields, HostileCase hostile) {
        List<String> numeric = new ArrayList<>();
        for (String field : fields) {
            if (AMOUNT_FIELDS.contains(field) || body.get(field).isNumber()) {
                numeric.add(field);
            }
        }
        List<String> from = numeric.isEmpty() ? fields : numeric;
        return from.isEmpty() ? "amount" : from.get(hostile.pick() % from.size());
    }

    /** Returns {@code request} with {@code body} as JSON, with {@code raw} in place of a field set to the marker. */
    private static FuzzRequest json(FuzzRequest request, ObjectNode body, String raw) {
        if (body == null) {
            return request;
        }
        String text = body.toString();
        if (raw != null) {
            text = text.replace("\"" + RAW.replace("\u0000", "\\u0000") + "\"", raw);
        }
        return request.withBody(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode put(ObjectNode body, String field, String value) {
        ObjectNode copy = body == null ? NODES.objectNode() : body.deepCopy();
        copy.put(field, value);
        return copy;
    }

    private static ObjectNode remove(ObjectNode body, String field) {
        ObjectNode copy = body == null ? NODES.objectNode() : body.deepCopy();
        copy.remove(field);
        return copy;
    }

    private static String nested(int depth) {
        boolean arrays = depth % 2 == 0;
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(depth) + "1" + close.repeat(depth);
    }

    private static byte[] invalidUtf8(ObjectNode body, String field, int pick) {
        byte[][] sequences = {
            {(byte) 0xC3, (byte) 0x28},
            {(byte) 0xFF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        String text = put(body, field, "\u0001").toString();
        int marker = text.indexOf("\\u0001");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(text.substring(0, marker).getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(sequences[pick % sequences.length]);
        bytes.writeBytes(text.substring(marker + "\\u0001".length()).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    /** Returns the example body of the operation, or else a sample of its schema. */
    private ObjectNode wellFormedBody(Operation operation) {
        String example = RequestExamples.body(operation.toString(), fixtures.values, unique.incrementAndGet());
        JsonNode body;
        try {
            body = example != null ? JSON.readTree(example) : sample(operation.bodySchema(), 0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the example body of " + operation + " is not JSON: " + example, e);
        }
        return body instanceof ObjectNode object ? object : NODES.objectNode();
    }

    /** Returns a well-formed sample of a schema: enums take their first value, known fields a fixture id. */
    private JsonNode sample(JsonNode schema, int depth) {
        JsonNode resolved = ApiOperations.resolve(document, schema);
        if (resolved.has("enum")) {
            return resolved.get("enum").get(0);
        }
        String type = resolved.path("type").asText("object");
        return switch (type) {
            case "string" ->
                "date-time".equals(resolved.path("format").asText())
                        ? NODES.textNode(Instant.now().plus(1, ChronoUnit.DAYS).toString())
                        : NODES.textNode("fuzz");
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> depth > 3 ? NODES.arrayNode() : sampleArray(resolved, depth);
            default -> depth > 3 ? NODES.objectNode() : sampleObject(resolved, depth);
        };
    }

    private ArrayNode sampleArray(JsonNode schema, int depth) {
        ArrayNode array = NODES.arrayNode();
        if (schema.has("items")) {
            array.add(sample(schema.get("items"), depth + 1));
        }
        return array;
    }

    private ObjectNode sampleObject(JsonNode schema, int depth) {
        ObjectNode object = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> properties =
                schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String known = fixtures.values.get(property.getKey());
            object.set(
                    property.getKey(), known != null ? NODES.textNode(known) : sample(property.getValue(), depth + 1));
        }
        return object;
    }

    private static List<String> names(ObjectNode body) {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
