import assert from "node:assert/strict";
import { before, test } from "node:test";
import { OpenLoop } from "../dist/esm/index.js";
import { baseUrl, registerLoop, registerVerifiedBusiness } from "./helpers.mjs";

let agent;
let business;

before(async () => {
  agent = await registerLoop("agent");
  business = await registerVerifiedBusiness();
});

test("policy.evaluate guided low-risk step", async () => {
  const apiKey = agent.loop.ownerKey.secret;
  const decision = await new OpenLoop({ apiKey, baseUrl }).policy.evaluate({
    executionMode: "guided",
    domain: "sales_revenue_ops",
    step: { action: "find_leads", riskLevel: "low" },
  });
  assert.equal(decision.decision, "ALLOW");
  assert.equal(decision.reasons?.[0]?.code, "GUIDED_LOW_RISK");
  assert.equal(typeof decision.policyVersion, "number");
});

test("aap.send quote request task", async () => {
  const apiKey = agent.loop.ownerKey.secret;
  const sent = await new OpenLoop({ apiKey, baseUrl }).aap.send({
    type: "TASK_REQUEST",
    to: business.loop.handle,
    task: "quote_request",
    inputs: { city: "Atlanta", service: "roofing" },
  });
  assert.equal(sent.type, "TASK_REQUEST");
  assert.equal(sent.state, "REQUESTED");
  assert.match(sent.taskId ?? "", /^task_/);
  assert.equal(sent.from, agent.loop.loopId);
  assert.equal(sent.to, business.loop.loopId);
});

test("environment supplies key and URL", async () => {
  const saved = { key: process.env.OPENLOOP_API_KEY, url: process.env.OPENLOOP_BASE_URL };
  process.env.OPENLOOP_API_KEY = agent.loop.ownerKey.secret;
  process.env.OPENLOOP_BASE_URL = baseUrl;
  try {
    const fromEnvironment = new OpenLoop();
    assert.equal(fromEnvironment.baseUrl, baseUrl);
    const loop = await fromEnvironment.loops.get(agent.loop.loopId);
    assert.equal(loop.handle, agent.loop.handle);
  } finally {
    restore("OPENLOOP_API_KEY", saved.key);
    restore("OPENLOOP_BASE_URL", saved.url);
  }
});

function restore(name, value) {
  if (value === undefined) {
    delete process.env[name];
  } else {
    process.env[name] = value;
  }
}

test("analytics.invocations of a new loop", async () => {
  const apiKey = agent.loop.ownerKey.secret;
  const view = await new OpenLoop({ apiKey, baseUrl }).analytics.invocations({ groupBy: "day" });
  assert.equal(view.groupBy, "day");
  assert.deepEqual(view.groups, []);
  assert.equal(view.total?.count, 0);
  const trust = await new OpenLoop({ apiKey, baseUrl }).analytics.trust();
  assert.equal(trust.buckets?.length, 10);
  assert.equal(trust.loops, 1);
});
