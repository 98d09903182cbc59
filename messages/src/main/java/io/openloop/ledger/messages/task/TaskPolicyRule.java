package io.openloop.ledger.messages.task;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The constraints a business sets on one kind of task.
 *
 * @param inputSchema a JSON Schema (draft 2020-12) the request's inputs must satisfy, for example an {@code enum}
 *     of the cities the business serves; null accepts any inputs
 */
public record TaskPolicyRule(JsonNode inputSchema) {}
