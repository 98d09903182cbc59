package io.openloop.ledger.messages;

import java.util.List;

/**
 * One page of a listing in a stable order.
 *
 * @param items the entries of this page
 * @param nextCursor an opaque cursor that returns the entries after this page when passed back as {@code after}; null
 *     on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

    public Page {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
