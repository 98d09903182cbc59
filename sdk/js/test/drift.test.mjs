import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { test } from "node:test";
import { fetchDocument, renderTypes } from "../scripts/openapi-types.mjs";
import { baseUrl } from "./helpers.mjs";

test("generated types match the server", async () => {
  const committed = await readFile(new URL("../src/generated/openapi.ts", import.meta.url), "utf8");
  const generated = await renderTypes(await fetchDocument(baseUrl));

  // A plain equality check, so the failure prints a diff; npm run generate -- --start brings the file up to date.
  assert.equal(committed, generated, "src/generated/openapi.ts differs from the server's /v3/api-docs");
});
