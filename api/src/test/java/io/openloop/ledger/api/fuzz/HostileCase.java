package io.openloop.ledger.api.fuzz;

import io.openloop.ledger.api.fuzz.ApiOperations.Operation;

/**
 * One generated fuzz case: the operation, the mutation and the hostile values it may use.
 *
 * @param text a string with control characters, look-alike letters or zero-width marks
 * @param number raw JSON of a number at or past a boundary, such as {@code 9223372036854775808} or {@code 1e309}
 * @param wrongValue raw JSON of a value of some type, used where the schema expects another
 * @param pick chooses among the fields, parameters or variants a mutation can change
 * @param size a length or depth for huge strings and deep nesting
 */
record HostileCase(
        Operation operation, Mutation mutation, String text, String number, String wrongValue, int pick, int size) {

    @Override
    public String toString() {
        return operation + " " + mutation + " pick=" + pick + " size=" + size;
    }
}
