// Downloads one job's log. The API answers 302 with a short-lived URL on another host: the redirect is
// followed by hand with a client that holds NO token, so the token never leaves the API host.
import { HttpClient } from '@actions/http-client';
import type { Api, RepoRef } from './api.js';
import { statusOf, withPermission } from './errors.js';

export interface JobLog {
  text: string;
  /** Lines dropped from the start when the log exceeded the cap (the tail is kept). */
  droppedLines: number;
  droppedBytes: number;
  /** Why there is no log: 'expired' (410), 'missing' (404), or an error message. */
  missing?: string;
}

/** Fetches a URL on the log storage host with no credentials; keeps at most `maxBytes` of the tail. */
export type BlobFetcher = (
  url: string,
  maxBytes: number,
) => Promise<{ status: number; body: Buffer; droppedBytes: number; droppedLines: number }>;

/** Streams the body, keeping only the last `maxBytes` bytes and counting the newlines dropped before them. */
export const fetchBlob: BlobFetcher = async (url, maxBytes) => {
  const client = new HttpClient('ci-root-cause', [], {
    allowRedirects: true,
    maxRedirects: 3,
    socketTimeout: 60_000,
  });
  try {
    const res = await client.get(url, {});
    const status = res.message.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let kept = 0;
    let droppedBytes = 0;
    let droppedLines = 0;
    for await (const chunk of res.message as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      kept += chunk.length;
      while (chunks.length > 1 && kept - chunks[0].length >= maxBytes) {
        const first = chunks.shift()!;
        kept -= first.length;
        droppedBytes += first.length;
        droppedLines += countNewlines(first);
      }
    }
    let body = Buffer.concat(chunks);
    if (body.length > maxBytes) {
      const cut = body.length - maxBytes;
      droppedLines += countNewlines(body.subarray(0, cut));
      droppedBytes += cut;
      body = body.subarray(cut);
    }
    if (droppedBytes > 0) {
      // Start at a whole line (also avoids a split UTF-8 sequence).
      const nl = body.indexOf(10);
      if (nl >= 0) {
        droppedBytes += nl + 1;
        droppedLines += 1;
        body = body.subarray(nl + 1);
      }
    }
    return { status, body, droppedBytes, droppedLines };
  } finally {
    client.dispose();
  }
};

function countNewlines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Downloads the plain-text log of a job. Never throws for a missing or expired log: returns `missing`.
 * Throws GitHubAccessError on 401/403 (the `actions: read` permission).
 */
export async function downloadJobLog(
  api: Api,
  repo: RepoRef,
  jobId: number,
  maxBytes: number,
  blob: BlobFetcher = fetchBlob,
): Promise<JobLog> {
  const none = (missing: string): JobLog => ({ text: '', droppedLines: 0, droppedBytes: 0, missing });
  for (let attempt = 0; attempt < 2; attempt++) {
    let location: string | undefined;
    try {
      const res = await withPermission('actions: read', `the log of job ${jobId}`, () =>
        api.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
          ...repo,
          job_id: jobId,
          request: { redirect: 'manual' },
        }),
      );
      const status = res.status as number;
      if (status >= 300 && status < 400) {
        location = (res.headers as Record<string, string | undefined>).location;
        if (!location) return none('the log redirect had no location');
      } else {
        // Some servers answer with the log itself.
        const data = res.data as unknown;
        const text =
          typeof data === 'string'
            ? data
            : data instanceof ArrayBuffer
              ? Buffer.from(data).toString('utf8')
              : '';
        return capText(text, maxBytes);
      }
    } catch (e) {
      const status = statusOf(e);
      if (status === 410) return none('expired');
      if (status === 404) return none('missing');
      if (status === undefined || status < 500) throw e;
      if (attempt === 1) return none(`the API answered ${status}`);
      continue;
    }
    try {
      const res = await blob(location, maxBytes);
      if (res.status === 200) {
        return {
          text: res.body.toString('utf8'),
          droppedBytes: res.droppedBytes,
          droppedLines: res.droppedLines,
        };
      }
      if (res.status === 410) return none('expired');
      // 403/404 from the storage host: the short-lived URL expired; ask the API for a fresh one once.
      if (attempt === 1) return none(`the log storage answered ${res.status}`);
    } catch (e) {
      if (attempt === 1) return none(`the log download failed: ${(e as Error).message}`);
    }
  }
  return none('the log could not be downloaded');
}

function capText(text: string, maxBytes: number): JobLog {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return { text, droppedBytes: 0, droppedLines: 0 };
  let cut = buf.length - maxBytes;
  const nl = buf.indexOf(10, cut);
  cut = nl >= 0 ? nl + 1 : cut;
  return {
    text: buf.subarray(cut).toString('utf8'),
    droppedBytes: cut,
    droppedLines: countNewlines(buf.subarray(0, cut)),
  };
}
