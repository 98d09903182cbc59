import assert from "node:assert/strict";
import { before, test } from "node:test";
import {
  isInsufficientCredits,
  isInsufficientScope,
  isOpenLoopError,
  isPolicyDenied,
  isRateLimited,
  OpenLoopError,
} from "../dist/esm/index.js";
import {
  admin,
  client,
  DENTAL_LEADS_MANIFEST,
  eventually,
  recordingFetch,
  registerLoop,
  registerVerifiedBusiness,
  requestQuote,
  uniqueHandle,
} from "./helpers.mjs";

let business;

before(async () => {
  business = await registerVerifiedBusiness();
});

/** Returns the error that `promise` rejects with, failing when it resolves. */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail("the call succeeded; an error was expected");
}

test("narrow key gets INSUFFICIENT_SCOPE", async () => {
  const agent = await registerLoop("scoped");
  const narrow = await agent.owner.loops.keys.issue(agent.loop.loopId, { name: "sender", scopes: ["aap:send"] });

  const error = await rejection(
    client(narrow.secret).policy.evaluate({
      executionMode: "guided",
      domain: "sales_revenue_ops",
      step: { action: "find_leads", riskLevel: "low" },
    }),
  );

  assert.ok(error instanceof OpenLoopError);
  assert.ok(error instanceof Error);
  assert.ok(isInsufficientScope(error));
  assert.equal(error.code, "INSUFFICIENT_SCOPE");
  assert.equal(error.status, 403);
  assert.equal(error.requiredScope, "policy:evaluate");
  assert.equal(error.details.requiredScope, "policy:evaluate");
  assert.match(error.requestId, /^req_/);
  assert.equal(error.headers.get("x-request-id"), error.requestId);
  assert.ok(!isPolicyDenied(error));
});

test("pricey offer acceptance gets INSUFFICIENT_CREDITS", async () => {
  const agent = await registerLoop("poor");
  const request = await requestQuote(agent.owner, business);
  await business.owner.aap.send({ type: "TASK_OFFER", taskId: request.taskId, price: 5000, terms: "Full roof" });

  const error = await rejection(agent.owner.aap.send({ type: "OFFER_ACCEPT", taskId: request.taskId }));

  assert.ok(isInsufficientCredits(error));
  assert.equal(error.status, 402);
  assert.equal(error.required, 5000);
  assert.equal(error.available, 1000);
  const task = await agent.owner.tasks.get(request.taskId);
  assert.equal(task.state, "OFFERED");
});

test("denied domain gets POLICY_DENIED", async () => {
  const publisher = await registerLoop("publisher");
  const published = await publisher.owner.tools.publishManifest(DENTAL_LEADS_MANIFEST);
  const agent = await registerLoop("denied");
  await agent.owner.policy.set(agent.loop.loopId, { deniedDomains: ["sales_revenue_ops"] });

  const error = await rejection(
    agent.owner.tools.invoke({ tool: published.toolName, executionMode: "guided", input: { city: "Atlanta" } }),
  );

  assert.ok(isPolicyDenied(error));
  assert.equal(error.status, 403);
  assert.ok(Array.isArray(error.reasons));
  assert.ok(error.reasons.some((reason) => reason.code === "TOOL_CATEGORY_DENIED" || reason.code === "DOMAIN_DENIED"));
});

test("unknown loop gets NOT_FOUND", async () => {
  const error = await rejection(admin.loops.get("loop_00000000000000000000000000"));
  assert.ok(isOpenLoopError(error, "NOT_FOUND"));
  assert.equal(error.status, 404);
  assert.ok(!isRateLimited(error));
});

/** Sends GETs with retries off until one is rate limited, and returns that error. */
async function exhaust(owner, loopId) {
  for (let round = 0; round < 5; round++) {
    const results = await Promise.allSettled(
      Array.from({ length: 70 }, () => owner.loops.get(loopId, { maxRetries: 0 })),
    );
    const limited = results.find((result) => result.status === "rejected" && isRateLimited(result.reason));
    if (limited) {
      return limited.reason;
    }
  }
  assert.fail("no request was rate limited after 350 requests of a free key");
}

test("free key gets RATE_LIMITED with retries off", async () => {
  const free = await registerLoop("limited");
  const owner = client(free.loop.ownerKey.secret, { maxRetries: 0 });

  const error = await exhaust(owner, free.loop.loopId);

  assert.equal(error.code, "RATE_LIMITED");
  assert.equal(error.status, 429);
  assert.equal(error.limit, 60);
  assert.ok(error.retryAfterSeconds >= 1);
  assert.equal(error.headers.get("retry-after"), String(error.retryAfterSeconds));
  assert.match(error.requestId, /^req_/);
});

test("retry after 429 waits Retry-After", async () => {
  const free = await registerLoop("retried");
  const secret = free.loop.ownerKey.secret;
  const plain = client(secret, { maxRetries: 0 });
  const recorder = recordingFetch();
  const retrying = client(secret, { maxRetries: 3, fetch: recorder.fetch });

  // A token may refill between the exhausting burst and the retried call; try again until the first attempt is a 429.
  for (let round = 0; round < 3 && !recorder.calls.some((call) => call.status === 429); round++) {
    recorder.calls.length = 0;
    await exhaust(plain, free.loop.loopId);
    const decision = await retrying.policy.evaluate({
      executionMode: "guided",
      domain: "sales_revenue_ops",
      step: { action: "find_leads", riskLevel: "low" },
    });
    assert.equal(decision.decision, "ALLOW");
  }

  const calls = recorder.calls;
  const limited = calls.findIndex((call) => call.status === 429);
  assert.notEqual(limited, -1, "no attempt of the retried call was rate limited");
  const retry = calls[limited + 1];
  assert.ok(retry, "the rate-limited attempt was not retried");
  const waitedMs = retry.at - calls[limited].at;
  const retryAfterMs = Number(calls[limited].responseHeaders.get("retry-after")) * 1000;
  assert.ok(retryAfterMs >= 1000, `Retry-After of the 429: ${retryAfterMs} ms`);
  // Timers may fire a millisecond early relative to Date.now(), hence the small allowance.
  assert.ok(waitedMs >= retryAfterMs - 5, `retried after ${waitedMs} ms, before the Retry-After of ${retryAfterMs} ms`);
  assert.equal(calls.at(-1).status, 200);
  const keys = new Set(calls.map((call) => call.headers.get("idempotency-key")));
  assert.equal(keys.size, 1, "every attempt of one call must carry the same Idempotency-Key");
  assert.match([...keys][0], /^[0-9a-f-]{36}$/);
});

test("retried transfer acts once", async () => {
  const parent = await registerLoop("funder");
  const child = await parent.owner.loops.registerChild(parent.loop.loopId, {
    handle: uniqueHandle("child"),
    displayName: "child",
  });
  await eventually(() => parent.owner.credits.balance(child.loopId).catch(() => undefined), Boolean, "child account");

  // The first attempt reaches the server and acts, but the client sees a 503: the retry must be replayed.
  const recorder = recordingFetch(async (url, init, index) => {
    const response = await fetch(url, init);
    if (index > 0) {
      return response;
    }
    await response.arrayBuffer();
    const body = JSON.stringify({ code: "SERVICE_UNAVAILABLE", message: "injected", requestId: "req_injected" });
    return new Response(body, { status: 503, headers: { "Content-Type": "application/json", "Retry-After": "0" } });
  });
  const funder = client(parent.loop.ownerKey.secret, { fetch: recorder.fetch });

  const transfer = await funder.credits.transfer(parent.loop.loopId, { toLoopId: child.loopId, amount: 100 });

  assert.equal(transfer.amount, 100);
  assert.equal(recorder.calls.length, 2);
  assert.equal(recorder.calls[0].status, 503);
  assert.ok(recorder.calls[1].status < 300, `the retry got ${recorder.calls[1].status}`);
  assert.equal(recorder.calls[1].responseHeaders.get("idempotency-replayed"), "true");
  assert.equal(recorder.calls[0].headers.get("idempotency-key"), recorder.calls[1].headers.get("idempotency-key"));
  const account = await eventually(
    () => parent.owner.credits.balance(child.loopId),
    (view) => view.balance >= 100,
    "the transfer's arrival",
  );
  assert.equal(account.balance, 100);
  const entries = await parent.owner.credits.entries(parent.loop.loopId);
  const transfers = entries.items.filter((entry) => entry.amount === -100 || entry.amount === 100);
  assert.equal(transfers.length, 1, `entries: ${JSON.stringify(entries.items)}`);
});
