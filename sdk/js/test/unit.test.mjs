import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { test } from "node:test";
import { OpenLoop, OpenLoopError, paginate, parseServerSentEvents } from "../dist/esm/index.js";
import { parseRetryAfter } from "../dist/esm/http.js";

function bodyOf(...chunks) {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(encoder.encode(chunk));
      }
      controller.close();
    },
  });
}

async function collect(body) {
  const events = [];
  for await (const event of parseServerSentEvents(body)) {
    events.push(event);
  }
  return events;
}

test("SSE parser joins chunks and data lines", async () => {
  const events = await collect(
    bodyOf("\uFEFFid:1\nevent:OfferMade\nda", "ta:{\"a\":\n", "data: 1}\n\n", ":heartbeat\n\n", "id:2\ndata:x\n\n"),
  );

  assert.deepEqual(events, [
    { id: "1", event: "OfferMade", data: '{"a":\n1}', retry: undefined },
    { id: "2", event: "message", data: "x", retry: undefined },
  ]);
});

test("SSE parser accepts CR and CRLF line ends", async () => {
  const events = await collect(bodyOf("id: 7\r", "\ndata: one\r\rdata: two\r\n", "\r\n"));

  assert.deepEqual(
    events.map((event) => [event.id, event.data]),
    [
      ["7", "one"],
      ["7", "two"],
    ],
  );
});

test("SSE parser skips events without data", async () => {
  const events = await collect(bodyOf("id:3\nretry:1500\n\nevent:x\ndata\n\n", "data:unterminated"));

  assert.deepEqual(events, [{ id: "3", event: "x", data: "", retry: undefined }]);
});

test("error body fields land on the error", () => {
  const headers = new Headers({ "X-Request-Id": "req_header" });
  const body = JSON.stringify({ code: "INSUFFICIENT_CREDITS", message: "short", required: 10, available: 2 });

  const error = OpenLoopError.fromResponse(402, headers, body);

  assert.equal(error.code, "INSUFFICIENT_CREDITS");
  assert.equal(error.message, "short");
  assert.equal(error.status, 402);
  assert.equal(error.requestId, "req_header");
  assert.equal(error.required, 10);
  assert.equal(error.available, 2);
  assert.deepEqual(error.details, { required: 10, available: 2 });
  assert.equal(error.name, "OpenLoopError");
});

test("error body cannot replace status", () => {
  const body = JSON.stringify({ code: "NOT_FOUND", message: "gone", status: 200, requestId: "req_body" });

  const error = OpenLoopError.fromResponse(404, new Headers(), body);

  assert.equal(error.status, 404);
  assert.equal(error.requestId, "req_body");
  assert.equal(error.details.status, 200);
});

test("non-JSON error gets INVALID_RESPONSE", () => {
  const error = OpenLoopError.fromResponse(502, new Headers(), "<html>Bad Gateway</html>");

  assert.equal(error.code, "INVALID_RESPONSE");
  assert.equal(error.status, 502);
  assert.match(error.message, /Bad Gateway/);
});

test("Retry-After parses seconds and dates", () => {
  assert.equal(parseRetryAfter("3"), 3000);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter("soon"), undefined);
  assert.equal(parseRetryAfter(new Date(Date.now() - 5000).toUTCString()), 0);
  const later = parseRetryAfter(new Date(Date.now() + 10_000).toUTCString());
  assert.ok(later > 8000, `${later}`);
  assert.ok(later <= 10_000, `${later}`);
});

test("missing API key is rejected", () => {
  const saved = process.env.OPENLOOP_API_KEY;
  delete process.env.OPENLOOP_API_KEY;
  try {
    assert.throws(() => new OpenLoop(), /OPENLOOP_API_KEY/);
  } finally {
    if (saved !== undefined) {
      process.env.OPENLOOP_API_KEY = saved;
    }
  }
});

test("base URL defaults to localhost", () => {
  const saved = process.env.OPENLOOP_BASE_URL;
  delete process.env.OPENLOOP_BASE_URL;
  try {
    assert.equal(new OpenLoop({ apiKey: "k" }).baseUrl, "http://localhost:8080");
    assert.equal(new OpenLoop({ apiKey: "k", baseUrl: "http://127.0.0.1:9/" }).baseUrl, "http://127.0.0.1:9");
  } finally {
    if (saved !== undefined) {
      process.env.OPENLOOP_BASE_URL = saved;
    }
  }
});

test("path parameters are encoded", async () => {
  const urls = [];
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    fetch: async (url) => {
      urls.push(String(url));
      return new Response("{}", { status: 200 });
    },
  });

  await client.loops.get("a/../b?c");
  await client.tools.get("@acme_dev/find_leads");

  assert.equal(urls[0], "http://offline.invalid/api/loops/a%2F..%2Fb%3Fc");
  assert.equal(urls[1], "http://offline.invalid/api/tools/%40acme_dev/find_leads");
  await assert.rejects(client.tools.get("no_slash"), /expected @publisher\/name/);
  await assert.rejects(client.loops.get(""), /missing or empty/);
});

test("connection failure is retried, then raised", async () => {
  let attempts = 0;
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    maxRetries: 1,
    fetch: async () => {
      attempts++;
      throw new TypeError("fetch failed");
    },
  });

  const error = await client.loops.get("loop_1").catch((caught) => caught);

  assert.equal(attempts, 2);
  assert.ok(error instanceof OpenLoopError);
  assert.equal(error.code, "CONNECTION_FAILED");
  assert.equal(error.status, undefined);
  assert.match(error.message, /fetch failed/);
});

test("non-JSON success gets INVALID_RESPONSE", async () => {
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    fetch: async () => new Response("<html>proxy page</html>", { status: 200, headers: { "X-Request-Id": "req_1" } }),
  });

  const error = await client.loops.get("loop_1").catch((caught) => caught);

  assert.ok(error instanceof OpenLoopError);
  assert.equal(error.code, "INVALID_RESPONSE");
  assert.equal(error.status, 200);
  assert.equal(error.requestId, "req_1");
});

test("CommonJS build loads with require", () => {
  const require = createRequire(import.meta.url);
  const sdk = require("@openloop/sdk");

  assert.equal(typeof sdk.OpenLoop, "function");
  assert.equal(typeof sdk.isRateLimited, "function");
  assert.equal(new sdk.OpenLoop({ apiKey: "k" }).policy.constructor.name, "Policy");
});

test("paginate follows nextCursor", async () => {
  const pages = {
    undefined: { items: [1, 2], nextCursor: "c1" },
    c1: { items: [3], nextCursor: "c2" },
    c2: { items: [] },
  };
  const cursors = [];

  const items = [];
  for await (const item of paginate(async (after) => {
    cursors.push(after);
    return pages[String(after)];
  })) {
    items.push(item);
  }

  assert.deepEqual(items, [1, 2, 3]);
  assert.deepEqual(cursors, [undefined, "c1", "c2"]);
});

test("stream gives up after maxReconnects", async () => {
  let attempts = 0;
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    maxRetries: 0,
    fetch: async () => {
      attempts++;
      throw new TypeError("fetch failed");
    },
  });

  const stream = client.tasks.stream("task_1", { maxReconnects: 1 });
  const error = await (async () => {
    for await (const event of stream) {
      assert.fail(`yielded ${JSON.stringify(event)}`);
    }
  })().catch((caught) => caught);

  assert.ok(error instanceof OpenLoopError);
  assert.equal(error.code, "CONNECTION_FAILED");
  assert.equal(attempts, 2);
});

test("stream raises an error response", async () => {
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    fetch: async () =>
      new Response(JSON.stringify({ code: "NOT_FOUND", message: "task task_1 not found" }), { status: 404 }),
  });

  const iterator = client.tasks.stream("task_1")[Symbol.asyncIterator]();

  await assert.rejects(iterator.next(), (error) => error.code === "NOT_FOUND" && error.status === 404);
});

test("silent stream counts as dropped", async () => {
  const opened = [];
  const client = new OpenLoop({
    apiKey: "k",
    baseUrl: "http://offline.invalid",
    maxRetries: 0,
    fetch: async (url, init) => {
      const lastEventId = new Headers(init.headers).get("last-event-id");
      opened.push(lastEventId);
      // Event 4 to a new stream, then nothing: neither more events nor heartbeats, until the client aborts.
      const body = new ReadableStream({
        start(controller) {
          if (lastEventId === null) {
            controller.enqueue(new TextEncoder().encode('id:4\ndata:{"sequence":4}\n\n'));
          }
          init.signal.addEventListener("abort", () => controller.error(init.signal.reason));
        },
      });
      return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
    },
  });

  const received = [];
  const error = await (async () => {
    for await (const event of client.tasks.stream("task_1", { idleTimeoutMs: 100, maxReconnects: 1 })) {
      received.push(event.sequence);
    }
  })().catch((caught) => caught);

  assert.deepEqual(received, [4]);
  assert.deepEqual(opened, [null, "4"]);
  assert.equal(error.code, "CONNECTION_FAILED");
  assert.match(error.message, /dropped 2 times/);
});
