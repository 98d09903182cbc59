import { OpenLoopError } from "./errors.js";

export const VERSION = "0.1.0";

const DEFAULT_BASE_URL = "http://localhost:8080";
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_TIMEOUT_MS = 60_000;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** A `Retry-After` longer than this is not waited for: the error goes to the caller instead. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Settings of an {@link OpenLoop} client. */
export interface ClientOptions {
  /** The API key (`lk_live_...` or `lk_test_...`) or the operator token; default `process.env.OPENLOOP_API_KEY`. */
  apiKey?: string;
  /** The server's URL; default `process.env.OPENLOOP_BASE_URL`, else `http://localhost:8080`. */
  baseUrl?: string;
  /** How many times a request is retried after a 429, a 5xx or a failed connection; default 2, 0 turns retries off. */
  maxRetries?: number;
  /** Milliseconds one attempt of a request may take before it is aborted and retried; default 60,000. */
  timeoutMs?: number;
  /** The fetch implementation; default the platform's `fetch`. */
  fetch?: typeof fetch;
  /** Headers sent with every request. */
  defaultHeaders?: Record<string, string>;
}

/** Settings of one call. */
export interface RequestOptions {
  /** The `Idempotency-Key` of a POST; default a new UUID for each call, sent again on each of its retries. */
  idempotencyKey?: string;
  /** Aborts the call, including the waits between retries. */
  signal?: AbortSignal;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number;
  /** Extra headers of this call. */
  headers?: Record<string, string>;
}

export type QueryValue = string | number | boolean | undefined | null;

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  options?: RequestOptions;
  /** Headers that belong to the route, such as `Accept` or `Last-Event-ID`. */
  headers?: Record<string, string>;
  /** Leaves the body unread and skips the per-attempt timeout, for streams. */
  stream?: boolean;
}

function readEnv(name: string): string | undefined {
  const env = typeof process === "undefined" ? undefined : process.env;
  const value = env?.[name]?.trim();
  return value ? value : undefined;
}

/** Builds a path from a template and its parameters, encoding each one: `path\`/api/loops/${id}\``. */
export function path(strings: TemplateStringsArray, ...params: string[]): string {
  return strings.reduce((built, part, index) => {
    if (index === 0) {
      return part;
    }
    const param = params[index - 1];
    if (typeof param !== "string" || param.length === 0) {
      throw new TypeError(`path parameter ${index} of ${strings.join("{}")} is missing or empty`);
    }
    return built + encodeURIComponent(param) + part;
  }, "");
}

/** Sends requests to the OpenLoop API with authentication, retries and error decoding. */
export class HttpClient {
  readonly baseUrl: string;
  readonly maxRetries: number;
  private readonly apiKey: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly defaultHeaders: Record<string, string>;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv("OPENLOOP_API_KEY");
    if (!apiKey) {
      throw new Error("the OpenLoop API key is missing: pass { apiKey } or set OPENLOOP_API_KEY");
    }
    this.apiKey = apiKey;
    this.baseUrl = (options.baseUrl ?? readEnv("OPENLOOP_BASE_URL") ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.maxRetries = checkCount("maxRetries", options.maxRetries ?? DEFAULT_MAX_RETRIES);
    this.timeoutMs = checkCount("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const platformFetch = typeof fetch === "function" ? fetch : undefined;
    const fetchImpl = options.fetch ?? platformFetch;
    if (!fetchImpl) {
      throw new Error("no fetch implementation: run on Node 20 or later, or pass { fetch }");
    }
    this.fetchImpl = fetchImpl;
    this.defaultHeaders = { ...options.defaultHeaders };
  }

  /** Sends a request and returns its parsed JSON body, or undefined for an empty one. */
  async request<T>(request: HttpRequest): Promise<T> {
    const response = await this.send(request);
    const text = await response.text();
    if (text.length === 0) {
      return undefined as T;
    }
    try {
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new OpenLoopError({
        code: "INVALID_RESPONSE",
        message: `${request.method} ${request.path} returned ${response.status} with a body that is not JSON`,
        status: response.status,
        requestId: response.headers.get("x-request-id") ?? undefined,
        details: {},
        headers: response.headers,
        cause,
      });
    }
  }

  /**
   * Sends a request, retrying it after a 429, a 5xx or a failed connection, and returns the first 2xx response.
   * Every attempt of one POST carries the same `Idempotency-Key`, so the server replays a stored response to a retry
   * instead of acting again. It stores no 5xx response, so a retry after a 5xx runs the request again.
   */
  async send(request: HttpRequest): Promise<Response> {
    const options = request.options ?? {};
    const maxRetries = checkCount("maxRetries", options.maxRetries ?? this.maxRetries);
    const url = this.url(request.path, request.query);
    const headers = this.headers(request);

    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        response = await this.attempt(url, request, headers, options.signal);
      } catch (cause) {
        if (options.signal?.aborted || attempt >= maxRetries) {
          throw connectionError(request, url, cause);
        }
        await sleep(backoffMs(attempt), options.signal);
        continue;
      }
      if (response.ok) {
        return response;
      }

      const error = OpenLoopError.fromResponse(response.status, response.headers, await response.text());
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= maxRetries) {
        throw error;
      }
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      if (retryAfterMs !== undefined && retryAfterMs > MAX_RETRY_AFTER_MS) {
        throw error;
      }
      await sleep(retryAfterMs ?? backoffMs(attempt), options.signal);
    }
  }

  private async attempt(
    url: string,
    request: HttpRequest,
    headers: Headers,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const signals = signal ? [signal] : [];
    if (!request.stream) {
      signals.push(AbortSignal.timeout(this.timeoutMs));
    }
    const init: RequestInit = { method: request.method, headers };
    if (request.body !== undefined) {
      init.body = JSON.stringify(request.body);
    }
    if (signals.length > 0) {
      init.signal = signals.length === 1 ? signals[0] : AbortSignal.any(signals);
    }
    return this.fetchImpl(url, init);
  }

  private url(path: string, query: Record<string, QueryValue> | undefined): string {
    const url = new URL(this.baseUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) {
        url.searchParams.set(name, String(value));
      }
    }
    return url.toString();
  }

  private headers(request: HttpRequest): Headers {
    const headers = new Headers(this.defaultHeaders);
    headers.set("Authorization", `Bearer ${this.apiKey}`);
    headers.set("Accept", "application/json");
    headers.set("User-Agent", `openloop-sdk-js/${VERSION}`);
    if (request.body !== undefined) {
      headers.set("Content-Type", "application/json");
    }
    if (request.method === "POST") {
      headers.set("Idempotency-Key", request.options?.idempotencyKey ?? crypto.randomUUID());
    }
    for (const [name, value] of Object.entries({ ...request.headers, ...request.options?.headers })) {
      headers.set(name, value);
    }
    return headers;
  }
}

function checkCount(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} is ${value}; it must be an integer of at least 0`);
  }
  return value;
}

function connectionError(request: HttpRequest, url: string, cause: unknown): OpenLoopError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new OpenLoopError({
    code: "CONNECTION_FAILED",
    message: `${request.method} ${url} failed without a response: ${reason}`,
    status: undefined,
    requestId: undefined,
    details: {},
    headers: undefined,
    cause,
  });
}

/** Returns the exponential backoff before retry number `attempt` (from 0), with jitter of up to a quarter. */
export function backoffMs(attempt: number): number {
  const delay = Math.min(MAX_RETRY_DELAY_MS, INITIAL_RETRY_DELAY_MS * 2 ** attempt);
  return delay * (1 - Math.random() * 0.25);
}

/** Parses a `Retry-After` value, in seconds or as an HTTP date, into milliseconds. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === "") {
    return undefined;
  }
  if (/^\d+$/.test(value.trim())) {
    return Number(value.trim()) * 1000;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Waits `ms` milliseconds, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
