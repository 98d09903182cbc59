import { path, RequestOptions } from "../http.js";
import { EventStream, StreamOptions } from "../streaming.js";
import type {
  AmendmentRequest,
  ContractView,
  Page,
  PageParams,
  SubjectVerificationView,
  TaskMessageView,
  TaskStreamEvent,
  TaskView,
} from "../types.js";
import { Resource } from "./resource.js";

/** Tasks: their state, messages, live stream and verification. */
export class Tasks extends Resource {
  /** Returns a task: state, parties, inputs, current offer, contract, result and proofs. */
  async get(taskId: string, options?: RequestOptions): Promise<TaskView> {
    return this.http.request({ method: "GET", path: path`/api/tasks/${taskId}`, options });
  }

  /** Lists a task's messages in order. */
  async messages(taskId: string, params: PageParams = {}, options?: RequestOptions): Promise<Page<TaskMessageView>> {
    return this.http.request({
      method: "GET",
      path: path`/api/tasks/${taskId}/messages`,
      query: { ...params },
      options,
    });
  }

  /**
   * Streams every event of a task from the start (or after `lastEventId`, a task sequence number), each with the
   * task's state after it. The stream ends once the task is `REJECTED`, `CANCELLED`, `FAILED`, `EXPIRED`, `REFUNDED`
   * or `DISMISSED`. A `SETTLED` task may still be disputed, so its stream stays open.
   */
  stream(taskId: string, options: StreamOptions = {}): EventStream<TaskStreamEvent> {
    return new EventStream(this.http, path`/api/tasks/${taskId}/stream`, {}, options);
  }

  /** Returns the proofs of a task and their verification levels. */
  async verification(taskId: string, options?: RequestOptions): Promise<SubjectVerificationView> {
    return this.http.request({ method: "GET", path: path`/api/tasks/${taskId}/verification`, options });
  }
}

/** Contracts of accepted tasks and their amendments. */
export class Contracts extends Resource {
  async get(taskId: string, options?: RequestOptions): Promise<ContractView> {
    return this.http.request({ method: "GET", path: path`/api/contracts/${taskId}`, options });
  }

  /** Proposes new terms, a new deadline or both, for the other party to accept with `acceptAmendment`. */
  async proposeAmendment(taskId: string, body: AmendmentRequest, options?: RequestOptions): Promise<ContractView> {
    return this.http.request({ method: "POST", path: path`/api/contracts/${taskId}/amendments`, body, options });
  }

  async acceptAmendment(taskId: string, amendmentId: string, options?: RequestOptions): Promise<ContractView> {
    return this.http.request({
      method: "POST",
      path: path`/api/contracts/${taskId}/amendments/${amendmentId}/accept`,
      options,
    });
  }
}
