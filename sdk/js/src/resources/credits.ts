import { path, RequestOptions } from "../http.js";
import type {
  CreditAccountView,
  CreditEntryView,
  Estimate,
  EstimateRequest,
  Page,
  PageParams,
  Transfer,
  TransferRequest,
} from "../types.js";
import { Resource } from "./resource.js";

/** Credit accounts: balances, entries, transfers and estimates. */
export class Credits extends Resource {
  /** Returns a loop's balance, held and available credits, and its open holds. */
  async balance(loopId: string, options?: RequestOptions): Promise<CreditAccountView> {
    return this.http.request({ method: "GET", path: path`/api/loops/${loopId}/credits`, options });
  }

  /** Lists a loop's double-entry movements. */
  async entries(loopId: string, params: PageParams = {}, options?: RequestOptions): Promise<Page<CreditEntryView>> {
    return this.http.request({
      method: "GET",
      path: path`/api/loops/${loopId}/credits/entries`,
      query: { ...params },
      options,
    });
  }

  /** Moves credits from a loop to one of its descendants. */
  async transfer(loopId: string, body: TransferRequest, options?: RequestOptions): Promise<Transfer> {
    return this.http.request({ method: "POST", path: path`/api/loops/${loopId}/credits/transfers`, body, options });
  }

  /** Returns the credits an invocation of a tool would hold. */
  async estimate(body: EstimateRequest, options?: RequestOptions): Promise<Estimate> {
    return this.http.request({ method: "POST", path: "/api/credits/estimate", body, options });
  }
}
