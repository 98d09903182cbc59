package io.openloop.ledger.api.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads the operations of the server's OpenAPI document: method, path template, parameters and body schema. */
final class ApiOperations {

    private ApiOperations() {}

    /** A parameter of an operation; {@code in} is {@code path}, {@code query} or {@code header}. */
    record Parameter(String name, String in, String type, boolean required) {}

    /** One operation; {@code bodySchema} is the resolved JSON body schema, or null when it takes no JSON body. */
    record Operation(String method, String path, List<Parameter> parameters, JsonNode bodySchema) {

        boolean hasBody() {
            return bodySchema != null;
        }

        /** Routes under {@code /api/admin} and loop registration take the operator token, every other route a key. */
        boolean operatorRoute() {
            return path.startsWith("/api/admin/") || path.equals("/api/developer/loops");
        }

        /** Server-sent event routes answer 200 with a stream that stays open, so their bodies are never read. */
        boolean streams() {
            return path.endsWith("/stream");
        }

        List<Parameter> in(String location) {
            return parameters.stream().filter(p -> p.in().equals(location)).toList();
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Operation> of(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(
                            parameter.path("name").asText(),
                            parameter.path("in").asText(),
                            parameter.path("schema").path("type").asText("string"),
                            parameter.path("required").asBoolean(false)));
                }
                JsonNode body = operation.path("requestBody").path("content").path("application/json");
                JsonNode schema = body.isMissingNode() ? null : resolve(document, body.path("schema"));
                operations.add(
                        new Operation(method.getKey().toUpperCase(), path.getKey(), List.copyOf(parameters), schema));
            }
        }
        operations.sort((a, b) -> a.toString().compareTo(b.toString()));
        return List.copyOf(operations);
    }

    /** Follows a local {@code $ref} such as {@code #/components/schemas/Name}. Other schemas are returned as is. */
    static JsonNode resolve(JsonNode document, JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; depth < 8 && current.has("$ref"); depth++) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
