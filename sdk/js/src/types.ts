import type { components } from "./generated/openapi.js";

/** The schemas of the server's OpenAPI document, generated into src/generated/openapi.ts. */
export type Schemas = components["schemas"];

/** A page of a listing; pass `nextCursor` as `after` to read the next one, until it is absent. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/** Cursor parameters of every listing. */
export interface PageParams {
  /** The `nextCursor` of the previous page. */
  after?: string;
  /** Items per page. */
  limit?: number;
}

export type RiskLevel = "low" | "medium" | "high" | "critical";
export type ExecutionMode = "sandbox" | "guided" | "autopilot";
export type TaskState = NonNullable<Schemas["TaskView"]["state"]>;
export type MessageType = NonNullable<Schemas["MessageSent"]["type"]>;

// Loops and keys
export type RegisterLoopRequest = Schemas["RegisterLoopRequest"];
export type RegisteredLoop = Schemas["RegisteredLoop"];
export type RegisterChildRequest = Schemas["RegisterChildRequest"];
export type LoopView = Schemas["LoopView"];
export type LoopProfile = Schemas["LoopProfile"];
export type PermissionsRequest = Schemas["PermissionsRequest"];
export type SuspendRequest = Schemas["SuspendRequest"];
export type IdentityRequest = Schemas["IdentityRequest"];
export type IssueKeyRequest = Schemas["IssueKeyRequest"];
export type RotateKeyRequest = Schemas["RotateKeyRequest"];
export type IssuedKey = Schemas["IssuedKey"];
export type KeyListing = Schemas["KeyListing"];
export type TaskPolicyRequest = Schemas["TaskPolicyRequest"];
export type TaskPolicyView = Schemas["TaskPolicyView"];

// Tools and invocations
export type ToolManifest = Schemas["ToolManifest"];
export type PublishedTool = Schemas["PublishedTool"];
export type ToolSummary = Schemas["ToolSummary"];
export type ToolDetails = Schemas["ToolDetails"];
export type ToolVersionView = Schemas["ToolVersionView"];
export type DeprecationRequest = Schemas["DeprecationRequest"];
export type InvokeRequest = Schemas["InvokeRequest"];
export type InvocationStarted = Schemas["InvocationStarted"];
export type InvocationView = Schemas["InvocationView"];
export type ResultRequest = Schemas["ResultRequest"];
export type ResultRecorded = Schemas["ResultRecorded"];
export type ApprovalRecorded = Schemas["ApprovalRecorded"];

// Policy
export type EvaluateRequest = Schemas["EvaluateRequest"];
export type PolicyEvaluation = Schemas["PolicyEvaluation"];
export type PolicyRequest = Schemas["PolicyRequest"];
export type LoopPolicyView = Schemas["LoopPolicyView"];

// Credits
export type CreditAccountView = Schemas["CreditAccountView"];
export type CreditEntryView = Schemas["CreditEntryView"];
export type TransferRequest = Schemas["TransferRequest"];
export type Transfer = Schemas["Transfer"];
export type EstimateRequest = Schemas["EstimateRequest"];
export type Estimate = Schemas["Estimate"];
export type GrantRequest = Schemas["GrantRequest"];
export type Grant = Schemas["Grant"];
export type PlatformLedgerView = Schemas["PlatformLedgerView"];

// AAP, tasks and contracts
/** An AAP message: `type` and the fields that type uses, such as `to`, `task` and `inputs` of a `TASK_REQUEST`. */
export type AapMessage = Omit<Schemas["MessageRequest"], "type"> & { type: MessageType };
export type MessageSent = Schemas["MessageSent"];
export type TaskMessageView = Schemas["TaskMessageView"];
export type TaskView = Schemas["TaskView"];
export type ContractView = Schemas["ContractView"];
export type AmendmentRequest = Schemas["AmendmentRequest"];
export type ResolutionRequest = Schemas["ResolutionRequest"];

/**
 * One event of a task stream or an inbox stream: the event's type (`TaskRequested`, `OfferMade` ...), the task's
 * state after it, who acted, and the event as recorded. The server's OpenAPI document does not describe the stream's
 * items, so this type is written by hand from the server's `TaskStreamEvent` record.
 */
export interface TaskStreamEvent {
  taskId: string;
  /** The task's sequence number of this event: the event id of a task stream. */
  sequence: number;
  /** The global event position: the event id of an inbox stream, absent on a task stream. */
  position?: number;
  event: string;
  state: TaskState;
  occurredAt: string;
  /** The audit metadata naming the actor: actor type, loop id, key id and request id. */
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
}

// Proofs, verification and trust
export type AttachRequest = Schemas["AttachRequest"];
export type ProofAttached = Schemas["ProofAttached"];
export type ProofView = Schemas["ProofView"];
export type ConfirmRequest = Schemas["ConfirmRequest"];
export type AttestRequest = Schemas["AttestRequest"];
export type SubjectVerificationView = Schemas["SubjectVerificationView"];
export type LoopVerificationView = Schemas["LoopVerificationView"];
export type TrustScoreView = Schemas["TrustScoreView"];
export type VerifierRequest = Schemas["VerifierRequest"];
export type VerifierView = Schemas["VerifierView"];
export type ProjectionList = Schemas["ProjectionList"];
export type ProjectionView = Schemas["ProjectionView"];
export type ProjectionReplayStatus = Schemas["ProjectionReplayStatus"];
export type ProjectionReplayStart = Schemas["ProjectionReplayStart"];
export type ProjectionReplayRequest = Schemas["ProjectionReplayRequest"];
export type VerificationDecision = Schemas["VerificationDecision"];

// Analytics
export type InvocationAnalyticsView = Schemas["InvocationAnalyticsView"];
export type InvocationFigures = Schemas["InvocationFigures"];
export type InvocationDurationsView = Schemas["InvocationDurationsView"];
export type DurationFigures = Schemas["DurationFigures"];
export type TrustDistributionView = Schemas["TrustDistributionView"];
export type TrustBucket = Schemas["TrustBucket"];
export type VerificationLevelsView = Schemas["VerificationLevelsView"];
export type LoopVerificationLevels = Schemas["LoopVerificationLevels"];

// Audit
export type AuditVerification = Schemas["AuditVerification"];
