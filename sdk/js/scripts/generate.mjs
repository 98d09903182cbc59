// Regenerates src/generated/openapi.ts from the OpenAPI document of a running server:
//   npm run generate                   (a server on OPENLOOP_BASE_URL or http://localhost:8080)
//   npm run generate -- --start        (starts api/target/openloop-ledger.jar on a free port, building it if missing)
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { fetchDocument, renderTypes } from "./openapi-types.mjs";
import { startServer } from "./server.mjs";

const target = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));

const server = process.argv.includes("--start") ? await startServer() : undefined;
try {
  const baseUrl = server?.baseUrl ?? process.env.OPENLOOP_BASE_URL ?? "http://localhost:8080";
  const text = await renderTypes(await fetchDocument(baseUrl));
  await writeFile(target, text);
  console.log(`wrote ${target} from ${baseUrl}/v3/api-docs`);
} finally {
  await server?.stop();
}
