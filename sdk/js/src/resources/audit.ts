import { OpenLoopError } from "../errors.js";
import { backoffMs, HttpClient, QueryValue, RequestOptions, sleep } from "../http.js";
import type { AuditVerification } from "../types.js";
import { Resource } from "./resource.js";

/** Filters of an export; every one is optional. */
export interface AuditExportParams {
  /** A loop the key manages (by default the key's own loop); the operator exports every loop without it. */
  loopId?: string;
  /** An aggregate type such as `Task` or `CreditAccount`. */
  aggregateType?: string;
  /** An event type, by simple name such as `TaskSettledEvent` or by full class name. */
  eventType?: string;
  /** Event time from, an ISO-8601 instant, inclusive. */
  from?: string;
  /** Event time to, an ISO-8601 instant, inclusive. */
  to?: string;
  /** The first global position; an operator export without filters starts at the block that contains it. */
  fromPosition?: number;
  /** The last global position, inclusive. */
  toPosition?: number;
}

export interface AuditVerifyParams {
  /** Operator only: the first global position to check, inclusive. */
  fromPosition?: number;
  /** Operator only: the last global position to check, inclusive. */
  toPosition?: number;
  /** Verifies the streams about this loop, which the key must manage; a loop key's default is its own loop. */
  loopId?: string;
}

/** The first line of an export: its scope, filters, and the global digest before its first position. */
export interface AuditExportHeader {
  kind: "header";
  format: string;
  exportedAt: string;
  scope: "operator" | "loop";
  loopId: string | null;
  filters: Record<string, unknown>;
  complete: boolean;
  fromPosition: number;
  digestBefore: string | null;
}

/** One stored event with its hash and the hash of the event before it in its stream. */
export interface AuditExportEvent {
  kind: "event";
  position: number;
  stream: string;
  aggregateType: string | null;
  sequence: number;
  eventId: string;
  type: string;
  revision: string | null;
  timestamp: string;
  payload: unknown;
  metadata: Record<string, unknown>;
  hash: string;
  prev: string | null;
}

/** A global position without an event: given up after the gap timeout, or left by an aborted commit. */
export interface AuditExportVoid {
  kind: "void";
  position: number;
  reason: string;
}

/** The global digest the server recorded after `position`, which a verifier recomputes. */
export interface AuditExportCheckpoint {
  kind: "checkpoint";
  position: number;
  digest: string;
}

/** The last line: without it the export is incomplete. */
export interface AuditExportEnd {
  kind: "end";
  events: number;
  lastPosition: number | null;
  digest: string | null;
}

export type AuditExportLine =
  | AuditExportHeader
  | AuditExportEvent
  | AuditExportVoid
  | AuditExportCheckpoint
  | AuditExportEnd;

/** Settings of an export download. */
export interface AuditExportOptions {
  /** Stops the download. */
  signal?: AbortSignal;
  /** How many reconnections in a row may fail before the iterator throws, by default 5. */
  maxReconnects?: number;
}

const DEFAULT_MAX_RECONNECTS = 5;

/** The audit trail: verification of the stored events and their export as NDJSON. */
export class Audit extends Resource {
  /**
   * Verifies the stored trail and reports the first event that does not match its hashes, stream links or the
   * global digest. The operator checks a range of global positions; a loop key checks the streams about its loop.
   */
  async verify(params: AuditVerifyParams = {}, options?: RequestOptions): Promise<AuditVerification> {
    return this.http.request({ method: "GET", path: "/api/audit/verify", query: { ...params }, options });
  }

  /**
   * Exports the trail as parsed NDJSON lines: the header, then events (and, for an operator export without filters,
   * void and checkpoint lines) in global order, then the end line. After a dropped connection it requests the export
   * again from the last position received and skips lines it already yielded, so no line is repeated or lost. The
   * end line then counts every event yielded over all connections, where the server's counts only its last one.
   */
  export(params: AuditExportParams = {}, options: AuditExportOptions = {}): AuditExport {
    return new AuditExport(this.http, { ...params }, options);
  }
}

/** An audit export read as an async iterator of lines; iterate it once. */
export class AuditExport implements AsyncIterable<AuditExportLine> {
  private started = false;

  constructor(
    private readonly http: HttpClient,
    private readonly params: AuditExportParams,
    private readonly options: AuditExportOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<AuditExportLine> {
    if (this.started) {
      throw new Error("an AuditExport can be iterated only once; call audit.export() again to read it again");
    }
    this.started = true;
    return this.lines();
  }

  private async *lines(): AsyncGenerator<AuditExportLine> {
    const maxReconnects = this.options.maxReconnects ?? DEFAULT_MAX_RECONNECTS;
    let lastPosition: number | undefined;
    let lastCheckpoint: number | undefined;
    let events = 0;
    let headerSeen = false;
    let failures = 0;
    for (;;) {
      const query: Record<string, QueryValue> = { ...this.params, format: "ndjson" };
      if (lastPosition !== undefined) {
        // From the last position itself, so that a checkpoint line that did not arrive after it is sent again.
        query.fromPosition = lastPosition;
      }
      try {
        const response = await this.http.send({
          method: "GET",
          path: "/api/audit/export",
          query,
          headers: { Accept: "application/x-ndjson" },
          stream: true,
          options: this.options.signal ? { signal: this.options.signal } : {},
        });
        if (!response.body) {
          return;
        }
        for await (const text of readLines(response.body)) {
          const line = JSON.parse(text) as AuditExportLine;
          failures = 0;
          if (line.kind === "header") {
            if (!headerSeen) {
              headerSeen = true;
              yield line;
            }
            continue;
          }
          if (line.kind === "end") {
            yield { ...line, events };
            return;
          }
          if (line.kind === "checkpoint") {
            if (lastCheckpoint === undefined || line.position > lastCheckpoint) {
              lastCheckpoint = line.position;
              yield line;
            }
            continue;
          }
          if (lastPosition !== undefined && line.position <= lastPosition) {
            continue;
          }
          lastPosition = line.position;
          if (line.kind === "event") {
            events++;
          }
          yield line;
        }
        throw new Error("the export ended without its end line");
      } catch (error) {
        if (this.options.signal?.aborted) {
          return;
        }
        if ((error instanceof OpenLoopError && error.status !== undefined) || error instanceof SyntaxError) {
          throw error;
        }
        failures++;
        if (failures > maxReconnects) {
          throw droppedError(failures, error);
        }
        await sleep(backoffMs(failures - 1), this.options.signal).catch(() => undefined);
      }
    }
  }
}

/** Splits a body into lines that end with LF; the body reader is cancelled when the caller stops. */
async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        if (buffer.trim().length > 0) {
          yield buffer;
        }
        return;
      }
      buffer += decoder.decode(value, { stream: true });
      for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n")) {
        const line = buffer.slice(0, end).replace(/\r$/, "");
        buffer = buffer.slice(end + 1);
        if (line.length > 0) {
          yield line;
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function droppedError(failures: number, cause: unknown): OpenLoopError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OpenLoopError({
    code: "CONNECTION_FAILED",
    message: `the audit export dropped ${failures} times in a row, last with: ${reason}`,
    status: undefined,
    requestId: undefined,
    details: {},
    headers: undefined,
    cause,
  });
}
