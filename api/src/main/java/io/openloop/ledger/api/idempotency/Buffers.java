package io.openloop.ledger.api.idempotency;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;

/** Copies pooled data buffers into byte arrays that outlive the exchange. */
final class Buffers {

    private Buffers() {}

    /** Copies the readable bytes of {@code buffer} and releases it. */
    static byte[] toBytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }
}
