export { OpenLoop } from "./client.js";
export {
  ERROR_CODES,
  isInsufficientCredits,
  isInsufficientScope,
  isOpenLoopError,
  isPolicyDenied,
  isRateLimited,
  OpenLoopError,
} from "./errors.js";
export type {
  ErrorBody,
  ErrorCode,
  InsufficientCreditsError,
  InsufficientScopeError,
  PolicyDeniedError,
  PolicyReason,
  RateLimitedError,
} from "./errors.js";
export { VERSION } from "./http.js";
export type { ClientOptions, RequestOptions } from "./http.js";
export { paginate } from "./pagination.js";
export { EventStream, parseServerSentEvents } from "./streaming.js";
export type { ServerSentEvent, StreamOptions } from "./streaming.js";
export type { InboxParams, InboxStreamOptions } from "./resources/aap.js";
export type { RevokeVerifierParams } from "./resources/admin.js";
export { AuditExport } from "./resources/audit.js";
export type {
  AuditExportCheckpoint,
  AuditExportEnd,
  AuditExportEvent,
  AuditExportHeader,
  AuditExportLine,
  AuditExportOptions,
  AuditExportParams,
  AuditExportVoid,
  AuditVerifyParams,
} from "./resources/audit.js";
export type { AnalyticsParams, DurationParams, InvocationAnalyticsParams } from "./resources/analytics.js";
export type { ApprovalDecision, InvocationListParams, PendingParams, ToolListParams } from "./resources/tools.js";
export type * from "./types.js";
export type { components, paths } from "./generated/openapi.js";
