import { RequestOptions } from "../http.js";
import type {
  ExecutionMode,
  InvocationAnalyticsView,
  InvocationDurationsView,
  TrustDistributionView,
  VerificationLevelsView,
} from "../types.js";
import { Resource } from "./resource.js";

/**
 * The period and loops of an analytics call. `from` and `to` are ISO-8601 instants (`2026-12-01T09:30:00Z`) or UTC
 * dates (`2026-12-01`, which as `to` includes that whole day).
 */
export interface AnalyticsParams {
  /** The start, inclusive; by default 30 days before `to`. */
  from?: string;
  /** The end, exclusive; by default now. */
  to?: string;
  /** A loop the caller manages; the figures cover it and the loops below it. By default the caller's loop. */
  loopId?: string;
}

export interface InvocationAnalyticsParams extends AnalyticsParams {
  /** `tool` (the default), `domain` or `day`. */
  groupBy?: "tool" | "domain" | "day";
  mode?: ExecutionMode;
}

export interface DurationParams extends AnalyticsParams {
  mode?: ExecutionMode;
}

/** Figures computed by the server over its read models, for a loop tree or, with the operator token, every loop. */
export class Analytics extends Resource {
  /** Returns invocation counts, credits charged, success and approval rates, by group and in total. */
  async invocations(
    params: InvocationAnalyticsParams = {},
    options?: RequestOptions,
  ): Promise<InvocationAnalyticsView> {
    return this.http.request({ method: "GET", path: "/api/analytics/invocations", query: { ...params }, options });
  }

  /** Returns the 50th and 95th percentile of invocation durations, overall and per tool. */
  async durations(params: DurationParams = {}, options?: RequestOptions): Promise<InvocationDurationsView> {
    return this.http.request({
      method: "GET",
      path: "/api/analytics/invocations/durations",
      query: { ...params },
      options,
    });
  }

  /** Returns how many loops have a trust score in each ten-point bucket; without `from`, every loop before `to`. */
  async trust(params: AnalyticsParams = {}, options?: RequestOptions): Promise<TrustDistributionView> {
    return this.http.request({ method: "GET", path: "/api/analytics/trust", query: { ...params }, options });
  }

  /** Returns, per loop, the proofs attached in the period and their subjects by verification level. */
  async verification(params: AnalyticsParams = {}, options?: RequestOptions): Promise<VerificationLevelsView> {
    return this.http.request({ method: "GET", path: "/api/analytics/verification", query: { ...params }, options });
  }
}
