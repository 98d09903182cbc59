import assert from "node:assert/strict";
import { test } from "node:test";
import { admin, client, registerLoop } from "./helpers.mjs";

async function collect(exported) {
  const lines = [];
  for await (const line of exported) {
    lines.push(line);
  }
  return lines;
}

test("an operator export has a header, events in global order and an end line that counts them", async () => {
  await registerLoop("audit_export");

  const lines = await collect(admin.audit.export());

  assert.equal(lines[0].kind, "header");
  assert.equal(lines[0].scope, "operator");
  assert.equal(lines[0].complete, true);
  const end = lines.at(-1);
  assert.equal(end.kind, "end");
  const events = lines.filter((line) => line.kind === "event");
  assert.ok(events.length > 0, "the store holds the loops registered so far");
  assert.equal(end.events, events.length);
  assert.equal(end.lastPosition, events.at(-1).position);
  assert.match(end.digest, /^[0-9a-f]{64}$/);
  for (let i = 1; i < events.length; i++) {
    assert.ok(events[i].position > events[i - 1].position, `position ${events[i].position} follows the one before`);
  }
});

test("a loop's key exports the streams about its loop", async () => {
  const { loop, owner } = await registerLoop("audit_own");

  let lines = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    lines = await collect(owner.audit.export());
    if (lines.some((line) => line.kind === "event" && line.stream === loop.loopId)) {
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  assert.equal(lines[0].scope, "loop");
  assert.equal(lines[0].loopId, loop.loopId);
  const own = lines.filter((line) => line.kind === "event" && line.stream === loop.loopId);
  assert.ok(own.length > 0, "the loop's own stream is exported once the stream index has it");
  assert.equal(own[0].sequence, 0);
  assert.equal(own[0].prev, null);
});

test("verify reports a clean trail for the operator and for a loop's key", async () => {
  const { owner } = await registerLoop("audit_verify");

  const global = await admin.audit.verify();
  const own = await owner.audit.verify();

  assert.equal(global.clean, true);
  assert.equal(global.firstMismatch, null);
  assert.ok(global.eventsChecked > 0);
  assert.equal(own.clean, true);
  assert.equal(own.digest, null, "a loop's streams are checked by their links, not by the global digest");
});

test("an export that drops mid-way resumes after the last position received", async () => {
  await registerLoop("audit_resume");
  const requests = [];
  let delivered = [];
  const flaky = client(undefined, {
    fetch: async (url, init) => {
      requests.push(new URL(url));
      const response = await fetch(url, init);
      if (requests.length > 1) {
        return response;
      }
      const text = await response.text();
      delivered = text.split("\n").slice(0, 4);
      const firstLines = delivered.join("\n") + "\n";
      let pulls = 0;
      const body = new ReadableStream({
        pull(controller) {
          if (pulls++ === 0) {
            controller.enqueue(new TextEncoder().encode(firstLines));
          } else {
            controller.error(new Error("connection reset by the test"));
          }
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    },
  });

  const resumed = await collect(flaky.audit.export({}, { maxReconnects: 2 }));
  const whole = await collect(admin.audit.export());

  assert.equal(requests.length, 2, "one request, then one resumption");
  const lastDelivered = delivered
    .map((line) => JSON.parse(line))
    .filter((line) => line.position !== undefined)
    .at(-1);
  assert.equal(requests[1].searchParams.get("fromPosition"), String(lastDelivered.position));
  const resumedEvents = resumed.filter((line) => line.kind === "event");
  const wholeEvents = whole.filter((line) => line.kind === "event").slice(0, resumedEvents.length);
  assert.deepEqual(
    resumedEvents.map((line) => line.eventId),
    wholeEvents.map((line) => line.eventId),
    "every event once, in the same order as an export that did not drop",
  );
  assert.equal(resumed.filter((line) => line.kind === "header").length, 1);
  assert.equal(resumed.at(-1).kind, "end");
  assert.equal(resumed.at(-1).events, resumedEvents.length);
});
