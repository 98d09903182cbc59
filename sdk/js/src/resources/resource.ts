import type { HttpClient } from "../http.js";

/** A group of routes sharing the client's connection settings. */
export abstract class Resource {
  constructor(protected readonly http: HttpClient) {}
}

/** Splits a tool name `@publisher/name` into its two path segments. */
export function toolPath(tool: string): { publisher: string; name: string } {
  const match = /^(@?[^/]+)\/([^/]+)$/.exec(tool);
  if (!match) {
    throw new TypeError(`tool name ${JSON.stringify(tool)} is invalid; expected @publisher/name`);
  }
  return { publisher: match[1] as string, name: match[2] as string };
}
