import assert from "node:assert/strict";
import { test } from "node:test";
import { OpenLoop } from "../dist/esm/index.js";
import { baseUrl } from "./helpers.mjs";

/**
 * Every route of the server and the SDK call that sends it. Path parameters are named `p_` plus the parameter's name
 * in the OpenAPI document, so the test can check the exact path each call sends.
 */
const ROUTES = [
  ["POST", "/api/developer/loops", (c) => c.loops.register({ handle: "@h", displayName: "h" })],
  ["POST", "/api/loops/{parentLoopId}/children", (c) => c.loops.registerChild("p_parentLoopId", {})],
  ["GET", "/api/loops/{loopId}", (c) => c.loops.get("p_loopId")],
  ["GET", "/api/profiles/{handle}", (c) => c.loops.profile("p_handle")],
  ["PUT", "/api/loops/{loopId}/permissions", (c) => c.loops.setPermissions("p_loopId", { permissions: [] })],
  ["POST", "/api/loops/{loopId}/suspension", (c) => c.loops.suspend("p_loopId")],
  ["DELETE", "/api/loops/{loopId}/suspension", (c) => c.loops.reinstate("p_loopId")],
  ["POST", "/api/loops/{loopId}/business-identity", (c) => c.loops.submitBusinessIdentity("p_loopId", {})],
  ["GET", "/api/loops/{loopId}/task-policy", (c) => c.loops.getTaskPolicy("p_loopId")],
  ["PUT", "/api/loops/{loopId}/task-policy", (c) => c.loops.setTaskPolicy("p_loopId", { tasks: {} })],
  ["POST", "/api/loops/{loopId}/keys", (c) => c.loops.keys.issue("p_loopId", { scopes: [] })],
  ["GET", "/api/loops/{loopId}/keys", (c) => c.loops.keys.list("p_loopId")],
  ["POST", "/api/loops/{loopId}/keys/{keyId}/rotation", (c) => c.loops.keys.rotate("p_loopId", "p_keyId")],
  ["DELETE", "/api/loops/{loopId}/keys/{keyId}", (c) => c.loops.keys.revoke("p_loopId", "p_keyId")],
  ["POST", "/api/developer/tools/manifest", (c) => c.tools.publishManifest({ name: "t" })],
  ["GET", "/api/tools", (c) => c.tools.list()],
  ["GET", "/api/tools/{publisher}/{name}", (c) => c.tools.get("p_publisher/p_name")],
  [
    "GET",
    "/api/tools/{publisher}/{name}/versions/{version}",
    (c) => c.tools.version("p_publisher/p_name", "p_version"),
  ],
  [
    "POST",
    "/api/tools/{publisher}/{name}/versions/{version}/deprecation",
    (c) => c.tools.deprecate("p_publisher/p_name", "p_version"),
  ],
  ["POST", "/api/tools/invoke", (c) => c.tools.invoke({ tool: "@a/b" })],
  ["GET", "/api/invocations", (c) => c.tools.listInvocations()],
  ["GET", "/api/invocations/{invocationId}", (c) => c.tools.getInvocation("p_invocationId")],
  ["GET", "/api/invocations/{invocationId}/verification", (c) => c.tools.invocationVerification("p_invocationId")],
  ["GET", "/api/developer/invocations", (c) => c.tools.pending()],
  ["POST", "/api/invocations/{invocationId}/result", (c) => c.tools.reportResult("p_invocationId", {})],
  ["GET", "/api/loops/{loopId}/approvals", (c) => c.tools.approvals("p_loopId")],
  ["POST", "/api/invocations/{invocationId}/approval", (c) => c.tools.approve("p_invocationId")],
  ["POST", "/api/invocations/{invocationId}/approval", (c) => c.tools.deny("p_invocationId", { reason: "no" })],
  ["POST", "/api/policy/evaluate", (c) => c.policy.evaluate({ executionMode: "sandbox" })],
  ["GET", "/api/loops/{loopId}/policy", (c) => c.policy.get("p_loopId")],
  ["PUT", "/api/loops/{loopId}/policy", (c) => c.policy.set("p_loopId", {})],
  ["GET", "/api/loops/{loopId}/credits", (c) => c.credits.balance("p_loopId")],
  ["GET", "/api/loops/{loopId}/credits/entries", (c) => c.credits.entries("p_loopId")],
  ["POST", "/api/loops/{loopId}/credits/transfers", (c) => c.credits.transfer("p_loopId", { amount: 1 })],
  ["POST", "/api/credits/estimate", (c) => c.credits.estimate({ tool: "@a/b" })],
  ["POST", "/api/aap/messages", (c) => c.aap.send({ type: "TASK_CANCEL", taskId: "t" })],
  ["GET", "/api/aap/inbox", (c) => c.aap.inbox()],
  ["GET", "/api/aap/inbox/stream", (c) => drain(c.aap.streamInbox())],
  ["GET", "/api/tasks/{taskId}", (c) => c.tasks.get("p_taskId")],
  ["GET", "/api/tasks/{taskId}/messages", (c) => c.tasks.messages("p_taskId")],
  ["GET", "/api/tasks/{taskId}/stream", (c) => drain(c.tasks.stream("p_taskId"))],
  ["GET", "/api/tasks/{taskId}/verification", (c) => c.tasks.verification("p_taskId")],
  ["GET", "/api/contracts/{taskId}", (c) => c.contracts.get("p_taskId")],
  ["POST", "/api/contracts/{taskId}/amendments", (c) => c.contracts.proposeAmendment("p_taskId", { terms: "x" })],
  [
    "POST",
    "/api/contracts/{taskId}/amendments/{amendmentId}/accept",
    (c) => c.contracts.acceptAmendment("p_taskId", "p_amendmentId"),
  ],
  ["POST", "/api/proofs", (c) => c.proofs.attach({ kind: "document" })],
  ["GET", "/api/proofs/{proofId}", (c) => c.proofs.get("p_proofId")],
  ["POST", "/api/proofs/{proofId}/confirmation", (c) => c.proofs.confirm("p_proofId")],
  ["POST", "/api/proofs/{proofId}/attestations", (c) => c.proofs.attest("p_proofId", {})],
  ["GET", "/api/loops/{loopId}/trust", (c) => c.trust.get("p_loopId")],
  ["GET", "/api/loops/{loopId}/verification", (c) => c.trust.verification("p_loopId")],
  ["POST", "/api/admin/credits/grants", (c) => c.admin.grantCredits({ amount: 1 })],
  ["GET", "/api/admin/credits/ledger", (c) => c.admin.ledger()],
  ["POST", "/api/admin/loops/{loopId}/verification", (c) => c.admin.decideVerification("p_loopId", {})],
  ["POST", "/api/admin/loops/{loopId}/suspension", (c) => c.admin.suspendLoop("p_loopId")],
  ["DELETE", "/api/admin/loops/{loopId}/suspension", (c) => c.admin.reinstateLoop("p_loopId")],
  ["POST", "/api/admin/verifiers", (c) => c.admin.registerVerifier({ name: "v" })],
  ["GET", "/api/admin/verifiers/{verifierId}", (c) => c.admin.getVerifier("p_verifierId")],
  ["DELETE", "/api/admin/verifiers/{verifierId}", (c) => c.admin.revokeVerifier("p_verifierId")],
  ["POST", "/api/admin/tasks/{taskId}/resolution", (c) => c.admin.resolveDispute("p_taskId", {})],
  ["GET", "/api/admin/projections", (c) => c.admin.projections()],
  ["POST", "/api/admin/projections/{name}/replay", (c) => c.admin.replayProjection("p_name")],
  ["POST", "/api/admin/projections/replay", (c) => c.admin.replayProjections(["loops"])],
  ["GET", "/api/admin/projections/{name}/replay", (c) => c.admin.replayStatus("p_name")],
  ["GET", "/api/analytics/invocations", (c) => c.analytics.invocations({ groupBy: "day" })],
  ["GET", "/api/analytics/invocations/durations", (c) => c.analytics.durations()],
  ["GET", "/api/analytics/trust", (c) => c.analytics.trust()],
  ["GET", "/api/analytics/verification", (c) => c.analytics.verification({ from: "2026-12-01" })],
  ["GET", "/api/audit/verify", (c) => c.audit.verify()],
  ["GET", "/api/audit/export", (c) => c.audit.export()[Symbol.asyncIterator]().next()],
];

async function drain(stream) {
  for await (const event of stream) {
    assert.fail(`the empty stream yielded ${JSON.stringify(event)}`);
  }
}

/** Returns a client whose fetch records each request and returns an empty success, reaching no server. */
function offlineClient(calls) {
  return new OpenLoop({
    apiKey: "lk_test_offline",
    baseUrl: "http://offline.invalid",
    fetch: async (url, init) => {
      calls.push({ method: init.method, url: new URL(url), headers: new Headers(init.headers) });
      const stream = new URL(url).pathname.endsWith("/stream");
      return new Response(stream ? "" : "{}", {
        status: 200,
        headers: { "Content-Type": stream ? "text/event-stream" : "application/json" },
      });
    },
  });
}

function expectedPath(template) {
  return template.replace(/\{(\w+)\}/g, (_, name) => `p_${name}`);
}

test("every documented route has an SDK method", async () => {
  const response = await fetch(`${baseUrl}/v3/api-docs`);
  const document = await response.json();
  const documented = Object.entries(document.paths).flatMap(([route, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${route}`),
  );
  const covered = new Set(ROUTES.map(([method, route]) => `${method} ${route}`));

  const missing = documented.filter((route) => !covered.has(route));
  assert.deepEqual(missing, [], "routes of /v3/api-docs without an SDK method in the table");
  const stale = [...covered].filter((route) => !documented.includes(route));
  assert.deepEqual(stale, [], "routes in the table that /v3/api-docs does not list");
});

test("each SDK method sends its route", async () => {
  for (const [method, route, call] of ROUTES) {
    const calls = [];
    await call(offlineClient(calls));

    assert.equal(calls.length, 1, `${method} ${route} sent ${calls.length} requests`);
    assert.equal(calls[0].method, method, route);
    assert.equal(decodeURIComponent(calls[0].url.pathname), expectedPath(route));
    const key = calls[0].headers.get("idempotency-key");
    assert.equal(key !== null, method === "POST", `Idempotency-Key on ${method} ${route}: ${key}`);
    assert.equal(calls[0].headers.get("authorization"), "Bearer lk_test_offline");
  }
});
