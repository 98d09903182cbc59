package io.openloop.ledger.messages.loop;

import java.util.List;

/** The identity a business loop's owner submits for verification. */
public record BusinessIdentity(String legalName, String website, String contactEmail, List<String> serviceArea) {

    public BusinessIdentity {
        serviceArea = serviceArea == null ? List.of() : List.copyOf(serviceArea);
    }
}
