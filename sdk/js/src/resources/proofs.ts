import { path, RequestOptions } from "../http.js";
import type {
  AttachRequest,
  AttestRequest,
  ConfirmRequest,
  LoopVerificationView,
  ProofAttached,
  ProofView,
  TrustScoreView,
} from "../types.js";
import { Resource } from "./resource.js";

/** Proofs of outcomes and their verification levels. */
export class Proofs extends Resource {
  /** Attaches a proof to an invocation or task of the caller. Needs `proof:create`. */
  async attach(body: AttachRequest, options?: RequestOptions): Promise<ProofAttached> {
    return this.http.request({ method: "POST", path: "/api/proofs", body, options });
  }

  /** Returns a proof with its level, its verifications and the `digest` a verifier signs. */
  async get(proofId: string, options?: RequestOptions): Promise<ProofView> {
    return this.http.request({ method: "GET", path: path`/api/proofs/${proofId}`, options });
  }

  /** Confirms a proof as the task's other party, raising it to V3. */
  async confirm(proofId: string, body: ConfirmRequest = {}, options?: RequestOptions): Promise<ProofView> {
    return this.http.request({ method: "POST", path: path`/api/proofs/${proofId}/confirmation`, body, options });
  }

  /** Delivers a registered verifier's Ed25519 signature of the proof's digest, raising it to V4. */
  async attest(proofId: string, body: AttestRequest, options?: RequestOptions): Promise<ProofView> {
    return this.http.request({ method: "POST", path: path`/api/proofs/${proofId}/attestations`, body, options });
  }
}

/** Trust scores and verification summaries of loops. */
export class Trust extends Resource {
  /** Returns a loop's trust score, 0 to 100, with its components and history. */
  async get(loopId: string, options?: RequestOptions): Promise<TrustScoreView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/trust`, options });
  }

  /** Returns how many of a loop's outcomes reached each verification level. */
  async verification(loopId: string, options?: RequestOptions): Promise<LoopVerificationView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/verification`, options });
  }
}
