import { RequestOptions } from "../http.js";
import { EventStream, StreamOptions } from "../streaming.js";
import type {
  AapMessage,
  MessageSent,
  MessageType,
  Page,
  PageParams,
  TaskMessageView,
  TaskStreamEvent,
} from "../types.js";
import { Resource } from "./resource.js";

export interface InboxParams extends PageParams {
  /** The loop whose inbox is read, by default the caller's. The operator must name one. */
  loopId?: string;
  type?: MessageType;
  taskId?: string;
  /** A sender's loop id. */
  from?: string;
  /** An ISO 8601 time; only later messages are listed. */
  since?: string;
}

export interface InboxStreamOptions extends StreamOptions {
  /** The loop whose inbox is read, by default the caller's. The operator must name one. */
  loopId?: string;
}

/** AAP messages between loops about tasks, and the loop's inbox. */
export class Aap extends Resource {
  /** Sends one AAP message and returns its id, its task and the task's state after it. */
  async send(message: AapMessage, options?: RequestOptions): Promise<MessageSent> {
    return this.http.request({ method: "POST", path: "/api/aap/messages", body: message, options });
  }

  /** Lists messages addressed to a loop, newest first. */
  async inbox(params: InboxParams = {}, options?: RequestOptions): Promise<Page<TaskMessageView>> {
    return this.http.request({ method: "GET", path: "/api/aap/inbox", query: { ...params }, options });
  }

  /**
   * Streams the events of every task the loop is a party of, from the next one on (or after `lastEventId`, a global
   * event position). The server never ends this stream: call `close()` or break out of the loop.
   */
  streamInbox(options: InboxStreamOptions = {}): EventStream<TaskStreamEvent> {
    const { loopId, ...streamOptions } = options;
    return new EventStream(this.http, "/api/aap/inbox/stream", { loopId }, streamOptions);
  }
}
