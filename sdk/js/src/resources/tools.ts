import { path, RequestOptions } from "../http.js";
import type {
  ApprovalRecorded,
  DeprecationRequest,
  InvocationStarted,
  InvocationView,
  InvokeRequest,
  Page,
  PageParams,
  PublishedTool,
  ResultRecorded,
  ResultRequest,
  SubjectVerificationView,
  ToolDetails,
  ToolManifest,
  ToolSummary,
  ToolVersionView,
} from "../types.js";
import { Resource, toolPath } from "./resource.js";

export interface ToolListParams extends PageParams {
  category?: string;
  /** A publisher handle. */
  publisher?: string;
}

export interface InvocationListParams extends PageParams {
  /** The loop whose invocations are listed, by default the caller's. */
  loopId?: string;
  tool?: string;
  /** An invocation status in lower case, such as `pending` or `succeeded`. */
  status?: string;
  mode?: string;
}

export interface PendingParams extends PageParams {
  /** An invocation status in lower case, by default `pending`. */
  status?: string;
  tool?: string;
}

export interface ApprovalDecision {
  reason?: string;
}

/** Tools: publishing, the marketplace, invocations, the provider's work queue and approvals. */
export class Tools extends Resource {
  /** Publishes a version of one of the caller's tools. Needs `tools:publish`. */
  async publishManifest(manifest: ToolManifest, options?: RequestOptions): Promise<PublishedTool> {
    return this.http.request({ method: "POST", path: "/api/developer/tools/manifest", body: manifest, options });
  }

  async list(params: ToolListParams = {}, options?: RequestOptions): Promise<Page<ToolSummary>> {
    return this.http.request({ method: "GET", path: "/api/tools", query: { ...params }, options });
  }

  /** Returns a tool by its name `@publisher/name`, with every version. */
  async get(tool: string, options?: RequestOptions): Promise<ToolDetails> {
    const { publisher, name } = toolPath(tool);
    return this.http.request({ method: "GET", path: path`/api/tools/${publisher}/${name}`, options });
  }

  /** Returns one version of a tool, with its manifest. */
  async version(tool: string, version: string, options?: RequestOptions): Promise<ToolVersionView> {
    const { publisher, name } = toolPath(tool);
    return this.http.request({
      method: "GET",
      path: path`/api/tools/${publisher}/${name}/versions/${version}`,
      options,
    });
  }

  /** Deprecates a version, so invocations without a pinned version run a newer one. */
  async deprecate(
    tool: string,
    version: string,
    body: DeprecationRequest = {},
    options?: RequestOptions,
  ): Promise<ToolVersionView> {
    const { publisher, name } = toolPath(tool);
    return this.http.request({
      method: "POST",
      path: path`/api/tools/${publisher}/${name}/versions/${version}/deprecation`,
      body,
      options,
    });
  }

  /**
   * Invokes a tool: policy decides, the estimate is held, and the invocation waits for the provider's result.
   * Rejects with `INSUFFICIENT_CREDITS` or `POLICY_DENIED` when it is blocked.
   */
  async invoke(body: InvokeRequest, options?: RequestOptions): Promise<InvocationStarted> {
    return this.http.request({ method: "POST", path: "/api/tools/invoke", body, options });
  }

  async getInvocation(invocationId: string, options?: RequestOptions): Promise<InvocationView> {
    return this.http.request({ method: "GET", path: path`/api/invocations/${invocationId}`, options });
  }

  /** Lists a loop's invocations, newest first. */
  async listInvocations(params: InvocationListParams = {}, options?: RequestOptions): Promise<Page<InvocationView>> {
    return this.http.request({ method: "GET", path: "/api/invocations", query: { ...params }, options });
  }

  /** Returns the proofs of an invocation and their verification levels. */
  async invocationVerification(invocationId: string, options?: RequestOptions): Promise<SubjectVerificationView> {
    return this.http.request({ method: "GET", path: path`/api/invocations/${invocationId}/verification`, options });
  }

  /** Lists invocations of the caller's tools, by default the pending ones, oldest first: the provider's work queue. */
  async pending(params: PendingParams = {}, options?: RequestOptions): Promise<Page<InvocationView>> {
    return this.http.request({ method: "GET", path: "/api/developer/invocations", query: { ...params }, options });
  }

  /** Reports the result of an invocation of the caller's tool. Success captures the hold and pays the publisher. */
  async reportResult(invocationId: string, body: ResultRequest, options?: RequestOptions): Promise<ResultRecorded> {
    return this.http.request({ method: "POST", path: path`/api/invocations/${invocationId}/result`, body, options });
  }

  /** Lists a loop's invocations awaiting its owner's approval. */
  async approvals(loopId: string, params: PageParams = {}, options?: RequestOptions): Promise<Page<InvocationView>> {
    return this.http.request({
      method: "GET",
      path: path`/api/loops/${loopId}/approvals`,
      query: { ...params },
      options,
    });
  }

  /** Approves an invocation awaiting approval, so it goes on to the provider. */
  async approve(
    invocationId: string,
    decision: ApprovalDecision = {},
    options?: RequestOptions,
  ): Promise<ApprovalRecorded> {
    return this.decide(invocationId, true, decision, options);
  }

  /** Denies an invocation awaiting approval, which ends it `REJECTED` and releases its hold. */
  async deny(
    invocationId: string,
    decision: ApprovalDecision = {},
    options?: RequestOptions,
  ): Promise<ApprovalRecorded> {
    return this.decide(invocationId, false, decision, options);
  }

  private async decide(
    invocationId: string,
    approve: boolean,
    decision: ApprovalDecision,
    options: RequestOptions | undefined,
  ): Promise<ApprovalRecorded> {
    return this.http.request({
      method: "POST",
      path: path`/api/invocations/${invocationId}/approval`,
      body: { approve, ...decision },
      options,
    });
  }
}
