import assert from "node:assert/strict";
import { before, test } from "node:test";
import { client, recordingFetch, registerLoop, registerVerifiedBusiness, requestQuote } from "./helpers.mjs";

let agent;
let business;

before(async () => {
  agent = await registerLoop("streamer");
  business = await registerVerifiedBusiness();
});

/**
 * Returns a body that passes `body` on up to the end of its first complete Server-Sent Event and then fails as a
 * connection reset by the network would.
 */
function cutAfterFirstEvent(body) {
  const reader = body.getReader();
  let seen = new Uint8Array(0);
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) {
        controller.close();
        return;
      }
      const joined = new Uint8Array(seen.length + value.length);
      joined.set(seen);
      joined.set(value, seen.length);
      const end = eventEnd(joined);
      if (end === -1) {
        seen = joined;
        controller.enqueue(value);
        return;
      }
      controller.enqueue(joined.slice(seen.length, end));
      await reader.cancel();
      controller.error(new TypeError("terminated: the test dropped the connection"));
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Returns the offset just after the first blank line that ends an event with data, or -1. */
function eventEnd(bytes) {
  const text = new TextDecoder().decode(bytes);
  const match = /(^|\n)data:[^\n]*\n\n/.exec(text);
  return match ? new TextEncoder().encode(text.slice(0, match.index + match[0].length)).length : -1;
}

test("task stream resumes after a dropped connection", async () => {
  const request = await requestQuote(agent.owner, business);
  await business.owner.aap.send({ type: "TASK_OFFER", taskId: request.taskId, price: 300, terms: "Quote in 48 hours" });

  let streamRequests = 0;
  const recorder = recordingFetch(async (url, init) => {
    const response = await fetch(url, init);
    if (!new URL(url).pathname.endsWith("/stream") || streamRequests++ > 0) {
      return response;
    }
    return new Response(cutAfterFirstEvent(response.body), { status: response.status, headers: response.headers });
  });
  const reader = client(agent.loop.ownerKey.secret, { fetch: recorder.fetch });

  const received = [];
  const stream = reader.tasks.stream(request.taskId);
  for await (const event of stream) {
    received.push(event);
    if (event.state === "OFFERED") {
      await agent.owner.aap.send({ type: "TASK_CANCEL", taskId: request.taskId, reason: "found another roofer" });
    }
  }

  assert.deepEqual(
    received.map((event) => [event.sequence, event.event, event.state]),
    [
      [0, "TaskRequested", "REQUESTED"],
      [1, "OfferMade", "OFFERED"],
      [2, "TaskCancelled", "CANCELLED"],
    ],
  );
  const opened = recorder.calls.filter((call) => call.url.pathname.endsWith("/stream"));
  assert.equal(opened.length, 2);
  assert.equal(opened[0].headers.get("last-event-id"), null);
  assert.equal(opened[1].headers.get("last-event-id"), "0");
  assert.equal(opened[1].headers.get("accept"), "text/event-stream");
  assert.equal(stream.lastEventId, "2");
  assert.equal(received[0].taskId, request.taskId);
  assert.equal(received[0].actor.actorLoopId, agent.loop.loopId);
  assert.equal(received[1].actor.actorLoopId, business.loop.loopId);
});

test("task stream resumes from lastEventId", async () => {
  const request = await requestQuote(agent.owner, business);
  await agent.owner.aap.send({ type: "TASK_CANCEL", taskId: request.taskId, reason: "no longer needed" });

  const events = [];
  for await (const event of agent.owner.tasks.stream(request.taskId, { lastEventId: "0" })) {
    events.push(event.sequence);
  }

  assert.deepEqual(events, [1]);
});

test("inbox stream delivers a new request", async () => {
  const stream = business.owner.aap.streamInbox();
  const iterator = stream[Symbol.asyncIterator]();
  const first = iterator.next();
  // The inbox stream starts with the next event, and the test cannot see when the server has opened it, so requests
  // are sent every half second until the stream delivers one.
  const sent = [];
  let delivered = false;
  const sender = (async () => {
    for (let attempt = 0; attempt < 20 && !delivered; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (!delivered) {
        sent.push((await requestQuote(agent.owner, business)).taskId);
      }
    }
  })();
  const { value, done } = await first;
  delivered = true;
  await sender;
  stream.close();

  assert.equal(done, false);
  assert.equal(value.event, "TaskRequested");
  assert.ok(sent.includes(value.taskId), `${value.taskId} is not one of the requests sent: ${sent}`);
  assert.equal(typeof value.position, "number");
  assert.equal(stream.lastEventId, String(value.position));
  assert.deepEqual(await iterator.next(), { value: undefined, done: true });
});
