package io.openloop.ledger.api.web;

import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import io.openloop.ledger.messages.auth.Scope;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsing helpers for request bodies, with errors that name the failing field. */
public final class Requests {

    private Requests() {}

    public static <T> T requireBody(T body) {
        if (body == null) {
            throw new LedgerException(ErrorCode.MALFORMED_REQUEST, "request body is missing; send a JSON object");
        }
        return body;
    }

    /** Parses scope names; null stays null (meaning "not given"), unknown names are rejected together. */
    public static Set<Scope> scopes(String field, List<String> names) {
        if (names == null) {
            return null;
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            Scope scope = Scope.fromWireName(name);
            if (scope == null) {
                unknown.add(String.valueOf(name));
            } else {
                scopes.add(scope);
            }
        }
        if (!unknown.isEmpty()) {
            throw invalid(
                    field,
                    field + " contains unknown scopes " + unknown + "; known scopes are "
                            + Scope.all().stream().map(Scope::wireName).sorted().toList());
        }
        return scopes;
    }

    public static Set<String> skills(List<String> names) {
        return names == null ? null : new LinkedHashSet<>(names);
    }

    public static LedgerException invalid(String field, String message) {
        return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
    }
}
