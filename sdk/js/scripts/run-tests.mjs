// Runs the SDK's tests with Node's test runner against a server started for them, then stops the server.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startServer } from "./server.mjs";

// A hung stream or server must fail its test, not stall the project's test command.
const TEST_TIMEOUT_MS = 120_000;

const testDir = fileURLToPath(new URL("../test/", import.meta.url));
const files = readdirSync(testDir)
  .filter((name) => name.endsWith(".test.mjs") || name.endsWith(".test.cjs"))
  .sort()
  .map((name) => testDir + name);

const server = await startServer();
console.log(`server started at ${server.baseUrl}`);
let exitCode = 1;
try {
  const args = ["--test", "--test-concurrency=2", `--test-timeout=${TEST_TIMEOUT_MS}`, ...files];
  const runner = spawn(process.execPath, args, {
    env: {
      ...process.env,
      OPENLOOP_TEST_BASE_URL: server.baseUrl,
      OPENLOOP_TEST_ADMIN_TOKEN: server.adminToken,
    },
    stdio: "inherit",
  });
  const stopOnSignal = () => runner.kill("SIGTERM");
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  exitCode = await new Promise((resolve) => runner.once("exit", (code) => resolve(code ?? 1)));
  if (exitCode !== 0) {
    const log = readFileSync(server.logFile, "utf8").split("\n").slice(-60).join("\n");
    console.log(`tests failed; the last lines of the server log:\n${log}`);
  }
} finally {
  await server.stop();
}
process.exit(exitCode);
