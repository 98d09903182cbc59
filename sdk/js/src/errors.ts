/** Every error code the OpenLoop server sends in the `code` field of an error body. */
export const ERROR_CODES = [
  "MALFORMED_REQUEST",
  "VALIDATION_FAILED",
  "UNAUTHENTICATED",
  "INSUFFICIENT_CREDITS",
  "INSUFFICIENT_SCOPE",
  "POLICY_DENIED",
  "SANDBOX_ONLY",
  "LOOP_SUSPENDED",
  "BUSINESS_NOT_VERIFIED",
  "NOT_FOUND",
  "HANDLE_TAKEN",
  "VERSION_CONFLICT",
  "INVALID_STATE",
  "CONCURRENT_MODIFICATION",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "METHOD_NOT_ALLOWED",
  "NOT_ACCEPTABLE",
  "IDEMPOTENCY_KEY_REUSED",
  "PROOF_REQUIRED",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL_ERROR",
] as const;

/**
 * A server error code, or one of the SDK's own: `CONNECTION_FAILED` when no response arrived, `INVALID_RESPONSE`
 * when a response body was not the JSON it should be.
 */
export type ErrorCode = (typeof ERROR_CODES)[number] | "CONNECTION_FAILED" | "INVALID_RESPONSE";

/** A reason of a policy decision, as in `POLICY_DENIED` errors and `policy.evaluate` results. */
export interface PolicyReason {
  code: string;
  message?: string;
  [field: string]: unknown;
}

/** The JSON body of an error response: `code`, `message`, `requestId` and the fields that help the caller. */
export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  [field: string]: unknown;
}

interface OpenLoopErrorInit {
  code: ErrorCode;
  message: string;
  status: number | undefined;
  requestId: string | undefined;
  details: Record<string, unknown>;
  headers: Headers | undefined;
  cause?: unknown;
}

/**
 * An error returned by the OpenLoop API, or a request that got no response. `code` is the server's stable code,
 * `details` contains every other field of the error body (such as `requiredScope` or `currentState`), and the same
 * fields are also set on the error itself.
 */
export class OpenLoopError extends Error {
  readonly code: ErrorCode;
  /** The HTTP status, or undefined when no response arrived. */
  readonly status: number | undefined;
  /** The request id from the error body or the `X-Request-Id` header; quote it when reporting a problem. */
  readonly requestId: string | undefined;
  /** The fields of the error body other than `code`, `message` and `requestId`. */
  readonly details: Record<string, unknown>;
  /** The response headers, or undefined when no response arrived. */
  readonly headers: Headers | undefined;
  [field: string]: unknown;

  constructor(init: OpenLoopErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "OpenLoopError";
    // The body's own fields go first, so they can never replace code, status or requestId.
    Object.assign(this, init.details);
    this.code = init.code;
    this.status = init.status;
    this.requestId = init.requestId;
    this.details = init.details;
    this.headers = init.headers;
  }

  /** Builds the error of a non-2xx response from its status, headers and body text. */
  static fromResponse(status: number, headers: Headers, text: string): OpenLoopError {
    const headerRequestId = headers.get("x-request-id") ?? undefined;
    const body = parseErrorBody(text);
    if (body === undefined) {
      const snippet = text.length > 200 ? `${text.slice(0, 200)}...` : text;
      return new OpenLoopError({
        code: "INVALID_RESPONSE",
        message: `the server returned ${status} without a JSON error body: ${snippet || "(empty body)"}`,
        status,
        requestId: headerRequestId,
        details: {},
        headers,
      });
    }
    const { code, message, requestId, ...details } = body;
    return new OpenLoopError({
      code: code as ErrorCode,
      message,
      status,
      requestId: requestId ?? headerRequestId,
      details,
      headers,
    });
  }
}

function parseErrorBody(text: string): ErrorBody | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null) {
    return undefined;
  }
  const body = parsed as Record<string, unknown>;
  if (typeof body.code !== "string") {
    return undefined;
  }
  return {
    ...body,
    code: body.code,
    message: typeof body.message === "string" ? body.message : body.code,
    requestId: typeof body.requestId === "string" ? body.requestId : undefined,
  };
}

/** A 403 `INSUFFICIENT_SCOPE`: the key lacks `requiredScope`. */
export interface InsufficientScopeError extends OpenLoopError {
  readonly code: "INSUFFICIENT_SCOPE";
  readonly requiredScope: string;
}

/** A 402 `INSUFFICIENT_CREDITS`: the account's `available` credits do not cover the `required` amount. */
export interface InsufficientCreditsError extends OpenLoopError {
  readonly code: "INSUFFICIENT_CREDITS";
  readonly required: number;
  readonly available: number;
}

/** A 429 `RATE_LIMITED`: the key used its `limit` of requests per minute; retry after `retryAfterSeconds`. */
export interface RateLimitedError extends OpenLoopError {
  readonly code: "RATE_LIMITED";
  readonly limit: number;
  readonly retryAfterSeconds: number;
}

/** A 403 `POLICY_DENIED`: policy denied the action, for the listed `reasons`. */
export interface PolicyDeniedError extends OpenLoopError {
  readonly code: "POLICY_DENIED";
  readonly reasons: PolicyReason[];
}

/** Returns true when `error` is an {@link OpenLoopError}, and with a `code` when it has that code. */
export function isOpenLoopError(error: unknown, code?: ErrorCode): error is OpenLoopError {
  return error instanceof OpenLoopError && (code === undefined || error.code === code);
}

export function isInsufficientScope(error: unknown): error is InsufficientScopeError {
  return isOpenLoopError(error, "INSUFFICIENT_SCOPE");
}

export function isInsufficientCredits(error: unknown): error is InsufficientCreditsError {
  return isOpenLoopError(error, "INSUFFICIENT_CREDITS");
}

export function isRateLimited(error: unknown): error is RateLimitedError {
  return isOpenLoopError(error, "RATE_LIMITED");
}

export function isPolicyDenied(error: unknown): error is PolicyDeniedError {
  return isOpenLoopError(error, "POLICY_DENIED");
}
