// Starts the OpenLoop server jar for the SDK's tests and scripts: on a free loopback port, with its data in a new
// temporary directory and a generated operator token. Builds the jar first when it is missing.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../..", import.meta.url));
const jar = join(repositoryRoot, "api", "target", "openloop-ledger.jar");
const STARTUP_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

function buildJarIfMissing() {
  if (existsSync(jar)) {
    return;
  }
  console.log(`${jar} is missing; building it with mvn -B -ntp -q -DskipTests package`);
  execFileSync("mvn", ["-B", "-ntp", "-q", "-DskipTests", "package"], { cwd: repositoryRoot, stdio: "inherit" });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl, child, logFile) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with ${child.exitCode} during startup; its log:\n${tail(logFile)}`);
    }
    try {
      const response = await fetch(`${baseUrl}/actuator/health`);
      if (response.ok && (await response.json()).status === "UP") {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server was not healthy within ${STARTUP_TIMEOUT_MS} ms; its log:\n${tail(logFile)}`);
}

function tail(logFile) {
  return readFileSync(logFile, "utf8").split("\n").slice(-40).join("\n");
}

/**
 * Starts the server and returns `{ baseUrl, adminToken, logFile, stop }`. `stop()` ends the process (SIGTERM, then
 * SIGKILL after 20 s) and deletes its data directory.
 */
export async function startServer() {
  buildJarIfMissing();
  const dataDir = mkdtempSync(join(tmpdir(), "openloop-sdk-test-"));
  const logFile = join(dataDir, "server.log");
  const port = await freePort();
  const adminToken = randomBytes(24).toString("hex");
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(logFile, "w");
  const child = spawn("java", ["-jar", jar], {
    env: {
      ...process.env,
      OPENLOOP_DATA_DIR: join(dataDir, "data"),
      OPENLOOP_ADMIN_TOKEN: adminToken,
      OPENLOOP_PORT: String(port),
      // A killed test server may lose its data; nothing here needs to survive a crash.
      OPENLOOP_STORE_DURABILITY: "commit",
      SERVER_ADDRESS: "127.0.0.1",
    },
    stdio: ["ignore", log, log],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, adminToken, logFile, stop };
}
