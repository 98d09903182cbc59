import { OpenLoopError } from "./errors.js";
import { backoffMs, HttpClient, QueryValue, sleep } from "./http.js";

/** One Server-Sent Event as dispatched by the parser: its `event` type, `data` text and `id`. */
export interface ServerSentEvent {
  id: string | undefined;
  event: string;
  data: string;
  /** The reconnection time the server asked for with a `retry:` field, in milliseconds. */
  retry: number | undefined;
}

/**
 * Parses a `text/event-stream` body into events by the rules of the HTML Living Standard. Lines end with CRLF, LF or
 * CR, and a blank line dispatches the event. Its `data` lines are joined with LF, comment lines (heartbeats) are
 * skipped, and an event without data is not dispatched. The body reader is cancelled when the caller stops iterating.
 */
export async function* parseServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let first = true;
  let data: string[] = [];
  let event = "";
  let id: string | undefined;
  let retry: number | undefined;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      if (first && buffer.length > 0) {
        buffer = buffer.replace(/^\uFEFF/, "");
        first = false;
      }
      for (let end = lineEnd(buffer); end !== undefined; end = lineEnd(buffer)) {
        const line = buffer.slice(0, end.index);
        buffer = buffer.slice(end.index + end.length);
        if (line === "") {
          if (data.length > 0) {
            yield { id, event: event || "message", data: data.join("\n"), retry };
          }
          data = [];
          event = "";
          retry = undefined;
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon === -1 ? line : line.slice(0, colon);
        let value = colon === -1 ? "" : line.slice(colon + 1);
        if (value.startsWith(" ")) {
          value = value.slice(1);
        }
        if (field === "data") {
          data.push(value);
        } else if (field === "event") {
          event = value;
        } else if (field === "id" && !value.includes("\0")) {
          id = value;
        } else if (field === "retry" && /^\d+$/.test(value)) {
          retry = Number(value);
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/**
 * Finds the first complete line end in `buffer`. A CR at the very end is not yet complete, because the LF of a CRLF
 * may arrive in the next chunk.
 */
function lineEnd(buffer: string): { index: number; length: number } | undefined {
  for (let index = 0; index < buffer.length; index++) {
    const char = buffer[index];
    if (char === "\n") {
      return { index, length: 1 };
    }
    if (char === "\r") {
      if (index + 1 === buffer.length) {
        return undefined;
      }
      return { index, length: buffer[index + 1] === "\n" ? 2 : 1 };
    }
  }
  return undefined;
}

/** Settings of a live stream. */
export interface StreamOptions {
  /** Resumes after this event id, as a reconnecting client would. */
  lastEventId?: string;
  /** Closes the stream. */
  signal?: AbortSignal;
  /** How many reconnections in a row may fail before the iterator throws, by default 5. */
  maxReconnects?: number;
  /**
   * Milliseconds without a byte (an event or a heartbeat) after which the connection counts as dropped and is
   * reopened. The default, 45,000, spans three of the server's 15-second heartbeats.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_MAX_RECONNECTS = 5;
const DEFAULT_IDLE_TIMEOUT_MS = 45_000;

/**
 * A live stream of Server-Sent Events whose data is JSON, read as an async iterator. After a dropped connection it
 * reconnects with `Last-Event-ID`, so the server resumes after the last event received and none is missed or repeated.
 * Iteration ends when the server ends the stream, and `close()` or breaking out of the loop ends it early.
 */
export class EventStream<T> implements AsyncIterable<T> {
  private lastId: string | undefined;
  private readonly controller = new AbortController();
  private started = false;

  constructor(
    private readonly http: HttpClient,
    private readonly path: string,
    private readonly query: Record<string, QueryValue>,
    private readonly options: StreamOptions = {},
  ) {
    this.lastId = options.lastEventId;
    options.signal?.addEventListener("abort", () => this.controller.abort(options.signal?.reason), { once: true });
  }

  /** The id of the last event received: pass it as `lastEventId` to resume in another stream. */
  get lastEventId(): string | undefined {
    return this.lastId;
  }

  /** Stops the stream, so that a pending `next()` ends the iteration. */
  close(): void {
    this.controller.abort();
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.started) {
      throw new Error("an EventStream can be iterated only once; open a new one with lastEventId to resume");
    }
    this.started = true;
    return this.events();
  }

  private async *events(): AsyncGenerator<T> {
    const maxReconnects = this.options.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
    let failures = 0;
    let retryMs: number | undefined;
    while (!this.controller.signal.aborted) {
      const attempt = new AbortController();
      const stop = () => attempt.abort(this.controller.signal.reason);
      this.controller.signal.addEventListener("abort", stop, { once: true });
      const idle = new IdleTimer(this.options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => attempt.abort());
      try {
        // The timer also covers the wait for the response headers.
        idle.reset();
        const response = await this.open(attempt.signal);
        if (!response.body) {
          return;
        }
        idle.reset();
        for await (const event of parseServerSentEvents(tap(response.body, () => idle.reset()))) {
          if (event.retry !== undefined) {
            retryMs = event.retry;
          }
          this.lastId = event.id ?? this.lastId;
          failures = 0;
          yield JSON.parse(event.data) as T;
        }
        // The body ended cleanly: the server closed the stream on purpose.
        return;
      } catch (error) {
        if (this.controller.signal.aborted) {
          return;
        }
        // An error response (401, 404 ...) or an event that is not JSON would fail again on every reconnection.
        if ((error instanceof OpenLoopError && error.status !== undefined) || error instanceof SyntaxError) {
          throw error;
        }
        failures++;
        if (failures > maxReconnects) {
          throw error instanceof OpenLoopError ? error : this.droppedError(failures, error);
        }
        await sleep(retryMs ?? backoffMs(failures - 1), this.controller.signal).catch(() => undefined);
      } finally {
        idle.stop();
        this.controller.signal.removeEventListener("abort", stop);
      }
    }
  }

  private droppedError(failures: number, cause: unknown): OpenLoopError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new OpenLoopError({
      code: "CONNECTION_FAILED",
      message: `the stream ${this.path} dropped ${failures} times in a row, last with: ${reason}`,
      status: undefined,
      requestId: undefined,
      details: {},
      headers: undefined,
      cause,
    });
  }

  private open(signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    if (this.lastId !== undefined) {
      headers["Last-Event-ID"] = this.lastId;
    }
    return this.http.send({
      method: "GET",
      path: this.path,
      query: this.query,
      headers,
      stream: true,
      options: { signal },
    });
  }
}

/** Calls `onChunk` for each chunk that passes through the body. */
function tap(body: ReadableStream<Uint8Array>, onChunk: () => void): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onChunk();
        controller.enqueue(chunk);
      },
    }),
  );
}

class IdleTimer {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
  ) {}

  reset(): void {
    this.stop();
    this.timer = setTimeout(this.onIdle, this.timeoutMs);
  }

  stop(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
