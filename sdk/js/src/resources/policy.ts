import { path, RequestOptions } from "../http.js";
import type { EvaluateRequest, LoopPolicyView, PolicyEvaluation, PolicyRequest } from "../types.js";
import { Resource } from "./resource.js";

/** Policy decisions and a loop's own policy. */
export class Policy extends Resource {
  /** Returns `ALLOW`, `REQUIRE_APPROVAL` or `DENY` for a step, with the reasons and the policy version. */
  async evaluate(body: EvaluateRequest, options?: RequestOptions): Promise<PolicyEvaluation> {
    return this.http.request({ method: "POST", path: "/api/policy/evaluate", body, options });
  }

  /** Returns a loop's policy: denied domains and actions, approval rules and the per-invocation credit cap. */
  async get(loopId: string, options?: RequestOptions): Promise<LoopPolicyView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/policy`, options });
  }

  /** Replaces a loop's policy. */
  async set(loopId: string, body: PolicyRequest, options?: RequestOptions): Promise<LoopPolicyView> {
    return this.http.request({ method: "PUT", path: path`/api/loops/${loopId}/policy`, body, options });
  }
}
