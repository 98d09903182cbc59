import { path, RequestOptions } from "../http.js";
import type {
  IdentityRequest,
  IssuedKey,
  IssueKeyRequest,
  KeyListing,
  LoopProfile,
  LoopView,
  PermissionsRequest,
  RegisterChildRequest,
  RegisteredLoop,
  RegisterLoopRequest,
  RotateKeyRequest,
  SuspendRequest,
  TaskPolicyRequest,
  TaskPolicyView,
} from "../types.js";
import { Resource } from "./resource.js";

/** A loop's API keys. */
export class Keys extends Resource {
  /** Issues a key with a subset of the loop's permissions. Its `secret` is returned only here. Needs `loops:manage`. */
  async issue(loopId: string, body: IssueKeyRequest, options?: RequestOptions): Promise<IssuedKey> {
    return this.http.request({ method: "POST", path: path`/api/loops/${loopId}/keys`, body, options });
  }

  /** Lists the loop's keys, revoked ones included, without secrets. */
  async list(loopId: string, options?: RequestOptions): Promise<KeyListing[]> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/keys`, options });
  }

  /** Replaces a key with a new one of the same scopes and revokes the old one. */
  async rotate(
    loopId: string,
    keyId: string,
    body: RotateKeyRequest = {},
    options?: RequestOptions,
  ): Promise<IssuedKey> {
    return this.http.request({
      method: "POST",
      path: path`/api/loops/${loopId}/keys/${keyId}/rotation`,
      body,
      options,
    });
  }

  /** Revokes a key at once. */
  async revoke(loopId: string, keyId: string, options?: RequestOptions): Promise<void> {
    await this.http.request({ method: "DELETE", path: path`/api/loops/${loopId}/keys/${keyId}`, options });
  }
}

/** Loops: registration, child loops, permissions, suspension, business identity and task policy. */
export class Loops extends Resource {
  readonly keys = new Keys(this.http);

  /** Registers a developer or business loop and returns its owner key, shown this once. Operator token only. */
  async register(body: RegisterLoopRequest, options?: RequestOptions): Promise<RegisteredLoop> {
    return this.http.request({ method: "POST", path: "/api/developer/loops", body, options });
  }

  /** Registers a child loop whose permissions and skills are a subset of its parent's. */
  async registerChild(
    parentLoopId: string,
    body: RegisterChildRequest,
    options?: RequestOptions,
  ): Promise<RegisteredLoop> {
    return this.http.request({ method: "POST", path: path`/api/loops/${parentLoopId}/children`, body, options });
  }

  async get(loopId: string, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}`, options });
  }

  /** Returns the public profile of a handle: kind, verification and trust score. */
  async profile(handle: string, options?: RequestOptions): Promise<LoopProfile> {
    return this.http.request({ method: "GET", path: path`/api/profiles/${handle}`, options });
  }

  /** Replaces a loop's permissions and skills. Its descendants and keys narrow with it. */
  async setPermissions(loopId: string, body: PermissionsRequest, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "PUT", path: path`/api/loops/${loopId}/permissions`, body, options });
  }

  /** Suspends a loop and its descendants, as the owner of a loop above it. */
  async suspend(loopId: string, body: SuspendRequest = {}, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "POST", path: path`/api/loops/${loopId}/suspension`, body, options });
  }

  /** Lifts a suspension made by an owner. */
  async reinstate(loopId: string, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "DELETE", path: path`/api/loops/${loopId}/suspension`, options });
  }

  /** Submits a business loop's identity for an operator to verify. */
  async submitBusinessIdentity(loopId: string, body: IdentityRequest, options?: RequestOptions): Promise<LoopView> {
    return this.http.request({ method: "POST", path: path`/api/loops/${loopId}/business-identity`, body, options });
  }

  /** Returns the business's task policy: accepted kinds of task, their input schemas and the minimum trust score. */
  async getTaskPolicy(loopId: string, options?: RequestOptions): Promise<TaskPolicyView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/task-policy`, options });
  }

  async setTaskPolicy(loopId: string, body: TaskPolicyRequest, options?: RequestOptions): Promise<TaskPolicyView> {
    return this.http.request({ method: "PUT", path: path`/api/loops/${loopId}/task-policy`, body, options });
  }
}
