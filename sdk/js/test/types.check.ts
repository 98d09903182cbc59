// Compiled by `npm run typecheck`, never run: it fails to compile when the public types stop accepting the calls of
// the README or stop narrowing errors.
import {
  isInsufficientCredits,
  isPolicyDenied,
  isRateLimited,
  OpenLoop,
  OpenLoopError,
  type ErrorCode,
  type PolicyEvaluation,
  type TaskStreamEvent,
} from "@openloop/sdk";

export async function platformCalls(apiKey: string): Promise<void> {
  const decision: PolicyEvaluation = await new OpenLoop({ apiKey }).policy.evaluate({
    executionMode: "guided",
    domain: "sales_revenue_ops",
    step: { action: "find_leads", riskLevel: "low" },
  });
  const sent = await new OpenLoop({ apiKey }).aap.send({
    type: "TASK_REQUEST",
    to: "@acme_business",
    task: "quote_request",
    inputs: { city: "Atlanta", service: "roofing" },
  });
  const stream = new OpenLoop({ apiKey }).tasks.stream(sent.taskId ?? "");
  for await (const event of stream) {
    const state: TaskStreamEvent["state"] = event.state;
    console.log(decision.decision, state, stream.lastEventId);
  }
}

export function narrow(error: unknown): number | undefined {
  if (isInsufficientCredits(error)) {
    return error.required - error.available;
  }
  if (isRateLimited(error)) {
    return error.retryAfterSeconds;
  }
  if (isPolicyDenied(error)) {
    return error.reasons.length;
  }
  if (error instanceof OpenLoopError) {
    const code: ErrorCode = error.code;
    return code.length;
  }
  return undefined;
}

// @ts-expect-error: an AAP message needs a type.
export const untyped: Parameters<OpenLoop["aap"]["send"]>[0] = { to: "@acme_business" };
