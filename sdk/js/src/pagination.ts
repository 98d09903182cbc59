import type { Page } from "./types.js";

/**
 * Iterates over every item of a listing, page by page. `fetchPage` receives the cursor of the next page (undefined
 * for the first) and returns that page, for example `(after) => openloop.credits.entries(loopId, { after })`.
 */
export async function* paginate<T>(fetchPage: (after: string | undefined) => Promise<Page<T>>): AsyncGenerator<T> {
  let after: string | undefined;
  do {
    const page = await fetchPage(after);
    yield* page.items;
    after = page.nextCursor;
  } while (after);
}
