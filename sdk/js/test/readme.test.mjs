import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { admin, baseUrl, client, DENTAL_LEADS_MANIFEST, registerLoop } from "./helpers.mjs";

const run = promisify(execFile);
const packageDir = new URL("../", import.meta.url);
// Inside the package, so that the examples' import of "@openloop/sdk" resolves to this package's build.
const scratchDir = new URL(".readme-run/", packageDir);

const PROOF_HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** Returns the ```js blocks of the README, in order. */
function examples() {
  const readme = readFileSync(new URL("README.md", packageDir), "utf8");
  return [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1]);
}

let agentKey;
let responder;

/** Plays @acme_business: offers 300 credits on each request, and completes each accepted task with proof. */
function respondAsBusiness(business) {
  const seen = new Set();
  let running = true;
  const loop = (async () => {
    while (running) {
      const page = await business.aap.inbox({ limit: 50 });
      for (const message of page.items.filter((item) => !seen.has(item.messageId))) {
        seen.add(message.messageId);
        if (message.type === "TASK_REQUEST") {
          await business.aap.send({ type: "TASK_OFFER", taskId: message.taskId, price: 300, terms: "Quote in 48 h" });
        } else if (message.type === "OFFER_ACCEPT") {
          await business.aap.send({
            type: "TASK_COMPLETE",
            taskId: message.taskId,
            result: { quote: 8200 },
            proofs: [
              {
                kind: "document",
                uri: "https://example.org/quote.pdf",
                capturedAt: new Date().toISOString(),
                sha256: PROOF_HASH,
              },
            ],
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

before(async () => {
  const business = await admin.loops.register({
    handle: "@acme_business",
    displayName: "Acme Roofing",
    kind: "business",
    plan: "pro",
  });
  const businessClient = client(business.ownerKey.secret);
  await businessClient.loops.submitBusinessIdentity(business.loopId, {
    legalName: "Acme Roofing LLC",
    website: "https://example.org",
    contactEmail: "owner@example.org",
    serviceArea: ["Atlanta", "Savannah"],
  });
  await admin.admin.decideVerification(business.loopId, { decision: "verified" });
  await businessClient.loops.setTaskPolicy(business.loopId, { tasks: { quote_request: {} } });

  const developer = await admin.loops.register({ handle: "@acme_dev", displayName: "Acme Dev" });
  await client(developer.ownerKey.secret).tools.publishManifest(DENTAL_LEADS_MANIFEST);

  const agent = await registerLoop("readme_agent");
  agentKey = agent.loop.ownerKey.secret;
  responder = respondAsBusiness(businessClient);
  mkdirSync(scratchDir, { recursive: true });
});

after(async () => {
  await responder?.stop();
});

/** Runs one README example as an ES module with the agent's key and returns its output. */
async function runExample(index) {
  const file = new URL(`example-${index}.mjs`, scratchDir);
  writeFileSync(file, examples()[index]);
  const { stdout } = await run(process.execPath, [file.pathname], {
    cwd: packageDir.pathname,
    env: { ...process.env, OPENLOOP_API_KEY: agentKey, OPENLOOP_BASE_URL: baseUrl },
    timeout: 60_000,
  });
  return stdout;
}

test("README has four examples", () => {
  assert.equal(examples().length, 4);
});

test("README platform-note example runs", async () => {
  const output = await runExample(0);
  assert.match(output, /^ALLOW \[/m);
  assert.match(output, /^task_\w+ REQUESTED$/m);
});

test("README task script settles and prints trust", async () => {
  const output = await runExample(1);
  const states = output
    .split("\n")
    .filter((line) => /^[A-Za-z]+: [A-Z_]+$/.test(line))
    .map((line) => line.split(": ")[1]);
  assert.deepEqual(states.slice(0, 3), ["REQUESTED", "OFFERED", "ACCEPTED"]);
  assert.equal(states.at(-1), "SETTLED");
  assert.match(output, /^trust score of @acme_business: \d+$/m);
});

test("README error example runs", async () => {
  const output = await runExample(2);
  assert.equal(output, "", "the invocation is allowed and paid for, so nothing is printed");
});

test("README idempotency example sends once", async () => {
  const first = await runExample(3);
  const second = await runExample(3);
  assert.match(first, /^task_\w+$/m);
  assert.equal(second, first, "a second run with the same Idempotency-Key must return the same task");
});
