package io.openloop.ledger.api.fuzz;

import io.openloop.ledger.api.fuzz.ApiOperations.Operation;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Arbitraries of hostile values and of whole fuzz cases over the operations of the OpenAPI document. */
final class HostileValues {

    /** Control characters, Cyrillic and fullwidth look-alikes of Latin letters, zero-width and bidirectional marks. */
    private static final char[] HOSTILE_CHARS = {
        '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u001b', '\u007f', '\u0085', // control
        '\u0430', '\u0435', '\u043e', '\u0440', '\u0441', '\u0445', '\u0410', '\u0415', // Cyrillic
        '\uff20', '\uff41', '\uff43', '\uff4d', '\uff45', '\uff3f', '\uff10', // fullwidth
        '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202e', '\u202d', '\u0301', // zero-width, bidi, combining
        '\ud800', '\udc00', '\ufffd', '\uffff', // lone surrogates, replacement, non-character
        'a', 'c', 'm', 'e', '_', '@', '/', '.', '%', '"', '\\', '<', '>', '\'', ' ', '{', '}'
    };

    private static final List<String> BOUNDARY_NUMBERS = List.of(
            "9223372036854775808", // 2^63
            "-9223372036854775809", // -2^63 - 1
            "9223372036854775807",
            "-9223372036854775808",
            "18446744073709551616",
            "2147483648",
            "-2147483649",
            "1e309",
            "-1e309",
            "NaN",
            "Infinity",
            "-Infinity",
            "1e-400",
            "0.5",
            "-0",
            "1E+2",
            "123456789012345678901234567890",
            "0x10");

    private static final List<String> WRONG_VALUES = List.of(
            "null",
            "true",
            "false",
            "0",
            "-1",
            "3.14",
            "\"\"",
            "\"text\"",
            "[]",
            "[1,2]",
            "{}",
            "{\"a\":{}}",
            "\"2026-02-30T25:61:00Z\"",
            "[null]",
            "\"1\"");

    private HostileValues() {}

    static Arbitrary<String> hostileText() {
        Arbitrary<String> mixed =
                Arbitraries.strings().withChars(HOSTILE_CHARS).ofMinLength(0).ofMaxLength(40);
        Arbitrary<String> lookAlikeHandle = Arbitraries.of(
                "@\u0430cme",
                "@ａｃｍｅ",
                "@ac\u200bme",
                "@acme\u202e",
                "@Acme",
                "@a",
                "@" + "a".repeat(200),
                "@acme\u0000",
                "\u0430",
                "@acme\ud800",
                "@a\u0301cme",
                "@");
        return Arbitraries.oneOf(mixed, lookAlikeHandle);
    }

    static Arbitrary<String> boundaryNumber() {
        Arbitrary<String> listed = Arbitraries.of(BOUNDARY_NUMBERS);
        Arbitrary<String> negatives = Arbitraries.longs().lessOrEqual(0).map(value -> Long.toString(value));
        return Arbitraries.oneOf(listed, negatives);
    }

    static Arbitrary<String> wrongValue() {
        return Arbitraries.of(WRONG_VALUES);
    }

    /** Returns cases over every operation, each with a mutation that applies to it. */
    static Arbitrary<HostileCase> cases(List<Operation> operations) {
        Arbitrary<Operation> operation = Arbitraries.of(operations);
        Arbitrary<Mutation> mutation = Arbitraries.of(Mutation.class);
        return Combinators.combine(
                        operation,
                        mutation,
                        hostileText(),
                        boundaryNumber(),
                        wrongValue(),
                        Arbitraries.integers().between(0, 1_000),
                        Arbitraries.integers().between(1, 5_000))
                .as(HostileCase::new)
                .filter(hostile -> hostile.mutation().appliesTo(hostile.operation()));
    }
}
