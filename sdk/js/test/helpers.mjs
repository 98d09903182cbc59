// Shared fixtures of the SDK's tests: clients of the server that scripts/run-tests.mjs started, and fresh loops.
import { randomBytes } from "node:crypto";
import { OpenLoop } from "../dist/esm/index.js";

export const baseUrl = requireEnv("OPENLOOP_TEST_BASE_URL");
export const adminToken = requireEnv("OPENLOOP_TEST_ADMIN_TOKEN");

function requireEnv(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests with npm test, which starts a server and sets it`);
  }
  return value;
}

/** Returns a client of the test server with the given key (default the operator token) and options. */
export function client(apiKey = adminToken, options = {}) {
  return new OpenLoop({ apiKey, baseUrl, ...options });
}

export const admin = client();

/** The manifest of a low-risk tool that costs 10 credits per invocation. */
export const DENTAL_LEADS_MANIFEST = {
  name: "find_dental_leads",
  description: "Find and enrich dental office leads by city.",
  category: "sales_revenue_ops",
  riskLevel: "low",
  requiresApprovalDefault: false,
  expectedProofs: ["source_url"],
  inputSchema: { type: "object", required: ["city"] },
  outputSchema: { type: "object" },
  providerType: "custom_connector",
  visibility: "marketplace",
  version: "1.0.0",
  price: 10,
};

/** Returns a new handle `@prefix_` plus 10 random characters. */
export function uniqueHandle(prefix) {
  return `@${prefix}_${randomBytes(5).toString("hex")}`;
}

/** Registers a loop and returns it with a client of its owner key. */
export async function registerLoop(prefix, fields = {}) {
  const loop = await admin.loops.register({ handle: uniqueHandle(prefix), displayName: prefix, ...fields });
  return { loop, owner: client(loop.ownerKey.secret) };
}

/** Registers a business loop, verifies it and lets it accept `quote_request` tasks in Atlanta and Savannah. */
export async function registerVerifiedBusiness(prefix = "biz") {
  const business = await registerLoop(prefix, { kind: "business", plan: "pro" });
  const loopId = business.loop.loopId;
  await business.owner.loops.submitBusinessIdentity(loopId, {
    legalName: "Acme Roofing LLC",
    website: "https://example.org",
    contactEmail: "owner@example.org",
    serviceArea: ["Atlanta"],
  });
  await admin.admin.decideVerification(loopId, { decision: "verified" });
  await business.owner.loops.setTaskPolicy(loopId, {
    tasks: { quote_request: { inputSchema: { properties: { city: { enum: ["Atlanta", "Savannah"] } } } } },
  });
  return business;
}

/** Sends a quote request from `requester` to `business` and returns the message the server recorded. */
export function requestQuote(requester, business) {
  return requester.aap.send({
    type: "TASK_REQUEST",
    to: business.loop.handle,
    task: "quote_request",
    inputs: { city: "Atlanta", service: "roofing" },
  });
}

/**
 * Returns a fetch that records each request (method, URL, headers, time, response status and headers) in `calls`
 * and hands it to `handle`, which defaults to the platform's fetch.
 */
export function recordingFetch(handle = (url, init) => fetch(url, init)) {
  const calls = [];
  const recorder = async (url, init = {}) => {
    const call = {
      method: init.method ?? "GET",
      url: new URL(url),
      headers: new Headers(init.headers),
      at: Date.now(),
    };
    calls.push(call);
    const response = await handle(url, init, calls.length - 1);
    call.status = response.status;
    call.responseHeaders = response.headers;
    return response;
  };
  return { fetch: recorder, calls };
}

/** Waits until `read()` returns a value that `done` accepts, polling every 100 ms for at most 10 s. */
export async function eventually(read, done, description) {
  const deadline = Date.now() + 10_000;
  let last;
  while (Date.now() < deadline) {
    last = await read();
    if (done(last)) {
      return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${description} did not happen within 10 s; last value: ${JSON.stringify(last)}`);
}
