import { path, RequestOptions } from "../http.js";
import type {
  Grant,
  GrantRequest,
  LoopView,
  PlatformLedgerView,
  ProjectionList,
  ProjectionReplayStart,
  ProjectionReplayStatus,
  ResolutionRequest,
  SuspendRequest,
  TaskView,
  VerificationDecision,
  VerifierRequest,
  VerifierView,
} from "../types.js";
import { Resource } from "./resource.js";

export interface RevokeVerifierParams {
  reason?: string;
}

/** Operator routes, which need the operator token as the client's `apiKey`. */
export class Admin extends Resource {
  /** Grants credits to a loop from platform issuance. */
  async grantCredits(body: GrantRequest, options?: RequestOptions): Promise<Grant> {
    return this.http.request({ method: "POST", path: "/api/admin/credits/grants", body, options });
  }

  /** Returns every account's balance and the platform's issuance, which together sum to zero. */
  async ledger(options?: RequestOptions): Promise<PlatformLedgerView> {
    return this.http.request({ method: "GET", path: "/api/admin/credits/ledger", options });
  }

  /** Records the verification decision on a business loop's identity, such as `{ decision: "verified" }`. */
  async decideVerification(loopId: string, body: VerificationDecision, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "POST", path: path`/api/admin/loops/${loopId}/verification`, body, options });
  }

  /** Suspends any loop and its descendants. */
  async suspendLoop(loopId: string, body: SuspendRequest = {}, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "POST", path: path`/api/admin/loops/${loopId}/suspension`, body, options });
  }

  async reinstateLoop(loopId: string, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "DELETE", path: path`/api/admin/loops/${loopId}/suspension`, options });
  }

  /** Registers a proof verifier by its Ed25519 public key (32 bytes, base64url). */
  async registerVerifier(body: VerifierRequest, options?: RequestOptions): Promise<VerifierView> {
    return this.http.request({ method: "POST", path: "/api/admin/verifiers", body, options });
  }

  async getVerifier(verifierId: string, options?: RequestOptions): Promise<VerifierView> {
    return this.http.request({ method: "GET", path: path`/api/admin/verifiers/${verifierId}`, options });
  }

  /** Revokes a verifier, so that its later signatures are rejected. */
  async revokeVerifier(
    verifierId: string,
    params: RevokeVerifierParams = {},
    options?: RequestOptions,
  ): Promise<VerifierView> {
    return this.http.request({
      method: "DELETE",
      path: path`/api/admin/verifiers/${verifierId}`,
      query: { ...params },
      options,
    });
  }

  /** Resolves a disputed task `REFUNDED` (the price goes back) or `DISMISSED` (the settlement is kept). */
  async resolveDispute(taskId: string, body: ResolutionRequest, options?: RequestOptions): Promise<TaskView> {
    return this.http.request({ method: "POST", path: path`/api/admin/tasks/${taskId}/resolution`, body, options });
  }

  /** Lists the replayable projections with their collections, live token position and last replay. */
  async projections(options?: RequestOptions): Promise<ProjectionList> {
    return this.http.request({ method: "GET", path: "/api/admin/projections", options });
  }

  /**
   * Starts rebuilding a projection from the event store while the API keeps serving; returns its first status.
   * A replay of the projection that is still running gets `409 INVALID_STATE`.
   */
  async replayProjection(name: string, options?: RequestOptions): Promise<ProjectionReplayStatus> {
    return this.http.request({ method: "POST", path: path`/api/admin/projections/${name}/replay`, options });
  }

  /** Starts one replay of the named projections, or of every projection when `names` is left out. */
  async replayProjections(names?: string[], options?: RequestOptions): Promise<ProjectionReplayStart> {
    const body = names === undefined ? {} : { names };
    return this.http.request({ method: "POST", path: "/api/admin/projections/replay", body, options });
  }

  /** Returns the status of a projection's last replay: state, position, rate and the estimated end. */
  async replayStatus(name: string, options?: RequestOptions): Promise<ProjectionReplayStatus> {
    return this.http.request({ method: "GET", path: path`/api/admin/projections/${name}/replay`, options });
  }
}
