// Listings read page by page, with a cap: at most MAX_PAGES pages per listing, and never the same page
// URL twice (a server whose `Link: rel="next"` points back to a page already read stops at once; one whose
// next page never ends stops at the cap). Items are de-duplicated by id (the same page content served
// under new URLs adds nothing).
import type { Api } from './api.js';

/** Pages read of one listing, at most: 20 × 100 items (jobs of one attempt, comments of one PR). */
export const MAX_PAGES = 20;

export interface Listing<T> {
  items: T[];
  /** Why the listing stopped before its last page (the report's notes say it), when it did. */
  cut?: string;
}

interface Page {
  url?: string;
  data: unknown;
  headers?: Record<string, string | undefined>;
}

/**
 * Every item of a paginated GET `route` (per_page 100), within MAX_PAGES pages. `what` names the listing
 * in the reason of a cut ("the jobs of run 5").
 */
export async function listAll<T extends { id?: unknown }>(
  api: Api,
  route: string,
  params: Record<string, unknown>,
  what: string,
  maxPages = MAX_PAGES,
): Promise<Listing<T>> {
  const seen = new Set<string>();
  const ids = new Set<unknown>();
  const items: T[] = [];
  let pages = 0;
  const iterator = (
    api.paginate.iterator as unknown as (r: string, p: Record<string, unknown>) => AsyncIterable<Page>
  )(route, { per_page: 100, ...params });
  for await (const page of iterator) {
    const url = String(page.url ?? '');
    if (url && seen.has(url))
      return { items, cut: `${what}: the server's next page pointed back to a page already read` };
    seen.add(url);
    pages++;
    for (const item of Array.isArray(page.data) ? (page.data as T[]) : []) {
      const id = item?.id;
      if (id !== undefined && ids.has(id)) continue;
      if (id !== undefined) ids.add(id);
      items.push(item);
    }
    if (pages >= maxPages) {
      const more = /rel="next"/.test(String(page.headers?.link ?? ''));
      return more ? { items, cut: `${what}: only the first ${maxPages} pages were read` } : { items };
    }
  }
  return { items };
}
