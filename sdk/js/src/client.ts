import { ClientOptions, HttpClient } from "./http.js";
import { Aap } from "./resources/aap.js";
import { Admin } from "./resources/admin.js";
import { Audit } from "./resources/audit.js";
import { Analytics } from "./resources/analytics.js";
import { Credits } from "./resources/credits.js";
import { Loops } from "./resources/loops.js";
import { Policy } from "./resources/policy.js";
import { Proofs, Trust } from "./resources/proofs.js";
import { Contracts, Tasks } from "./resources/tasks.js";
import { Tools } from "./resources/tools.js";

/**
 * A client of the OpenLoop ledger API, with one namespace per group of routes. Every method returns the response's
 * JSON body. An error response or a failed connection rejects the call with an {@link OpenLoopError}, and an invalid
 * argument (an empty id, a tool name without `/`) with a `TypeError` before any request is sent.
 */
export class OpenLoop {
  readonly loops: Loops;
  readonly tools: Tools;
  readonly policy: Policy;
  readonly credits: Credits;
  readonly aap: Aap;
  readonly tasks: Tasks;
  readonly contracts: Contracts;
  readonly proofs: Proofs;
  readonly trust: Trust;
  readonly audit: Audit;
  readonly admin: Admin;
  readonly analytics: Analytics;
  /** The server's URL, without a trailing slash. */
  readonly baseUrl: string;

  constructor(options: ClientOptions = {}) {
    const http = new HttpClient(options);
    this.baseUrl = http.baseUrl;
    this.loops = new Loops(http);
    this.tools = new Tools(http);
    this.policy = new Policy(http);
    this.credits = new Credits(http);
    this.aap = new Aap(http);
    this.tasks = new Tasks(http);
    this.contracts = new Contracts(http);
    this.proofs = new Proofs(http);
    this.trust = new Trust(http);
    this.audit = new Audit(http);
    this.admin = new Admin(http);
    this.analytics = new Analytics(http);
  }
}
